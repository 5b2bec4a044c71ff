import { render } from 'preact';
render(<p>CORS panel</p>, document.getElementById('app')!);
