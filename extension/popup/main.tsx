import { render } from 'preact';
render(<p>CORS popup</p>, document.getElementById('app')!);
