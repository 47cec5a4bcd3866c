import { render } from 'preact';
import { App } from './App';
import './styles/base.css';
import './styles/header.css';
import './styles/thread.css';
import './styles/search.css';
import './styles/moderation.css';
import './styles/draft.css';
import './styles/overview.css';
import './styles/responsive.css';
import './styles.css';

render(<App />, document.getElementById('app')!);
