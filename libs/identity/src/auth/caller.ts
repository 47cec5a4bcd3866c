/** Who is calling: resolved from the access token on every request and socket. */
export interface Caller {
  id: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
  /** The caller's confirmed organisation (never one only asked for). */
  organisationId: string | null;
  /** The caller's organisation as shown next to their content; absent where the caller was built elsewhere. */
  organisation?: OrganisationView | null;
  /**
   * The sign-in (refresh-token family) whose access token made this call; null or absent where the caller was
   * built otherwise (an admin-session cookie, a token of an older version, the worker).
   */
  sessionId?: string | null;
}

/** A person's confirmed organisation, as shown next to their name (the events' OrganisationPayload). */
export interface OrganisationView {
  id: string;
  name: string;
  kind: string;
  detail: string | null;
  verified: true;
}

/** The contract's `user`, extended with the organisation and locale. */
export interface UserView {
  id: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
  organisation: OrganisationView | null;
  locale: string;
}

/** How a person is shown next to their content: name and organisation, or "deleted account". */
export interface PersonView {
  id: string;
  displayName: string | null;
  organisation: OrganisationView | null;
  deleted: boolean;
}
