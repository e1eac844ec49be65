// The sandbox's `sysbox-runc`: a STAND-IN shell script that execs runc (it is
// not Sysbox), and can fail `create` on purpose with a real Sysbox error text.
// Part of the sandbox harness (tools/sandbox/sandbox-lib.mjs re-exports it).

export const STANDIN_NAME = 'sysbox-runc-STANDIN-is-runc';

/**
 * Environment variable a test sets on a container (`docker run -e
 * KSD_STANDIN_FAIL_CREATE=sysbox-mgr-down`) to make the stand-in FAIL ON PURPOSE
 * at `create`, the way real Sysbox fails when a daemon is down. The script
 * finds it in the OCI bundle's config.json (process.env), writes the error the
 * way runc does (a JSON line in the --log file, which containerd's shim turns
 * into "OCI runtime create failed: <msg>", then into State.Error) and exits 1.
 * The messages are the ones Sysbox prints (docs/user-guide/troubleshoot.md of
 * nestybox/sysbox, "Failed to register with sysbox-mgr or sysbox-fs";
 * domain.md §5).
 */
export const STANDIN_FAIL_ENV = 'KSD_STANDIN_FAIL_CREATE';
export const STANDIN_FAILURES = {
  'sysbox-mgr-down':
    'failed to register with sysbox-mgr: failed to invoke Register via grpc: rpc error: code = Unavailable desc = all SubConns are in TransientFailure, latest connection error: connection error: desc = \\"transport: Error while dialing dial unix /run/sysbox/sysmgr.sock: connect: connection refused\\"',
  'sysbox-fs-down':
    'failed to pre-register with sysbox-fs: failed to register container with sysbox-fs: rpc error: code = Unavailable desc = all SubConns are in TransientFailure, latest connection error: connection error: desc = \\"transport: Error while dialing dial unix /run/sysbox/sysfs.sock: connect: connection refused\\"',
};

export const STANDIN_SCRIPT = `#!/bin/sh
# STAND-IN for tests: this is NOT Sysbox. It is runc registered under the name sysbox-runc.
# It fails \`create\` ON PURPOSE (with a real Sysbox error text) when the container's
# environment has ${STANDIN_FAIL_ENV}=<kind> (see STANDIN_FAILURES in tools/sandbox/standin.mjs).
log=""; bundle=""; cmd=""; prev=""
for a in "$@"; do
  case "$prev" in
    --log) log="$a" ;;
    --bundle|-b) bundle="$a" ;;
  esac
  case "$a" in
    --log=*) log="\${a#--log=}" ;;
    --bundle=*) bundle="\${a#--bundle=}" ;;
    create) [ -z "$cmd" ] && cmd=create ;;
  esac
  prev="$a"
done
if [ "$cmd" = create ] && [ -n "$bundle" ] && [ -f "$bundle/config.json" ]; then
${Object.entries(STANDIN_FAILURES)
  .map(
    ([kind, msg]) => `  if grep -q '"${STANDIN_FAIL_ENV}=${kind}"' "$bundle/config.json"; then
    msg='${msg}'
    [ -n "$log" ] && printf '{"level":"error","msg":"%s","time":"%s"}\\n' "$msg" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >> "$log"
    echo "$msg" >&2
    exit 1
  fi`,
  )
  .join('\n')}
fi
exec /usr/sbin/runc "$@"
`;
