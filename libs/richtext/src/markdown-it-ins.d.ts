declare module 'markdown-it-ins';
