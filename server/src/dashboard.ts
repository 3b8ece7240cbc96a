// The big screen's built files (dashboard/dist) at / and /screen/*, from the hub's own server,
// so one port serves both the screen and the API it reads.
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const defaultDashboardDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../dashboard/dist');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

const notBuilt = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>County operations hub</title></head>
<body>
<h1>营商办数据中枢 · County operations hub</h1>
<p>The big screen is not built yet: run <code>pnpm --filter @hub/dashboard build</code> and reload.</p>
<p>The API is live at <a href="/graphql">/graphql</a>.</p>
</body>
</html>
`;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Whether the path belongs to the single-page app, which routes it in the browser. */
function isScreenRoute(pathname: string): boolean {
  return pathname === '/' || pathname === '/screen' || pathname.startsWith('/screen/');
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string, cache: string): void {
  res.writeHead(200, {
    'content-type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': statSync(file).size,
    'cache-control': cache,
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

function sendText(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-cache' });
  res.end(body);
}

export function serveDashboard(dir: string) {
  const root = resolve(dir);
  const index = resolve(root, 'index.html');
  return (req: IncomingMessage, res: ServerResponse, pathname: string): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
      return;
    }
    let file: string;
    try {
      file = resolve(root, `.${decodeURIComponent(pathname)}`);
    } catch {
      sendText(res, 400, 'text/plain; charset=utf-8', 'Bad path\n');
      return;
    }
    if (file.startsWith(root + sep) && isFile(file)) {
      // Vite names everything under assets/ by content hash; the rest may change at any build.
      const immutable = file.startsWith(resolve(root, 'assets') + sep);
      sendFile(req, res, file, immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    } else if (!isScreenRoute(pathname)) {
      sendText(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
    } else if (isFile(index)) {
      sendFile(req, res, index, 'no-cache');
    } else {
      sendText(res, 200, 'text/html; charset=utf-8', notBuilt);
    }
  };
}
