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
}
