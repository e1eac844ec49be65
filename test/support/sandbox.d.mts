export interface Sandbox {
  name: string;
  dir: string;
  socket: string;
  dockerHost: string;
  pidfile: string;
  log: string;
  config: string;
  standin: string;
  pid: number;
  started: boolean;
  subuidStart: number | null;
  tls?: { dir: string; ca: string; cert: string; key: string; serverCert: string; serverKey: string } | null;
  tcp?: string | null;
}
