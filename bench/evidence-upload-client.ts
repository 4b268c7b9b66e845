/**
 * The client side of the evidence upload benchmark, in a process of its own so that reading and
 * sending the file does not share the server's event loop: `node evidence-upload-client.js
 * <port> <token> <file>` uploads the file as multipart and prints the milliseconds from the
 * first byte sent to the end of the answer (exit 1 on anything but 201).
 */
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const BOUNDARY = '----rag-ledger-bench';

function main(): void {
  const [port, token, source] = process.argv.slice(2);
  const head = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="minutes.txt"\r\nContent-Type: text/plain\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const length = head.length + statSync(source).size + tail.length;
  const start = performance.now();
  const req = http.request(
    {
      host: '127.0.0.1',
      port: Number(port),
      method: 'POST',
      path: '/api/actions/BENCH.1/evidence',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, 'Content-Length': length },
    },
    (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        if (res.statusCode !== 201) {
          console.error(`upload: ${res.statusCode} ${body}`);
          process.exit(1);
        }
        console.log(String(performance.now() - start));
      });
    },
  );
  req.on('error', (error) => {
    console.error(error);
    process.exit(1);
  });
  req.write(head);
  const file = createReadStream(source, { highWaterMark: 256 * 1024 });
  file.pipe(req, { end: false });
  file.on('end', () => req.end(tail));
}

main();
