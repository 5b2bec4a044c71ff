// The panel outside the extension, on made-up findings: `npx vite --config playground/vite.config.ts`.
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({ root: 'playground', plugins: [preact()], server: { port: 5174, strictPort: true } });
