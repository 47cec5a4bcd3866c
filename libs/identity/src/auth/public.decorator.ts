import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'runde:public';

/** The route needs no access token (register, login, health, …). Every other route does. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
