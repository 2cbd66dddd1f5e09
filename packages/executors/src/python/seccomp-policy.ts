/**
 * System calls the CPython sandbox may not make, beyond what bubblewrap already prevents (no
 * capabilities, no new privileges, its own namespaces): kernel-facing debugging, tracing and
 * configuration interfaces that ordinary Python code never needs. Each fails with EPERM.
 */
export const deniedSyscalls = [
  'ptrace',
  'process_vm_readv',
  'process_vm_writev',
  'kcmp',
  'bpf',
  'perf_event_open',
  'userfaultfd',
  'keyctl',
  'add_key',
  'request_key',
  'mount',
  'umount2',
  'pivot_root',
  'move_mount',
  'open_tree',
  'fsopen',
  'fsconfig',
  'fsmount',
  'fspick',
  'mount_setattr',
  'unshare',
  'setns',
  'chroot',
  'open_by_handle_at',
  'name_to_handle_at',
  'kexec_load',
  'kexec_file_load',
  'init_module',
  'finit_module',
  'delete_module',
  'reboot',
  'swapon',
  'swapoff',
  'acct',
  'quotactl',
  'syslog',
  'lookup_dcookie',
  'fanotify_init',
  'iopl',
  'ioperm',
  'personality',
  'uselib',
  'vhangup',
  'settimeofday',
  'clock_settime',
  'clock_adjtime',
  'adjtimex',
  'io_uring_setup',
  'io_uring_enter',
  'io_uring_register',
] as const;

/**
 * Python run once per executor, outside the sandbox, that writes the filter as BPF with Debian's
 * libseccomp bindings (`python3-seccomp`): argv is the output path and the names as JSON. Prints
 * `true` when written, `false` when the bindings are missing.
 */
export const writeSeccompFilter = `
import errno, json, sys
try:
    import seccomp
except ImportError:
    print("false")
    raise SystemExit(0)
rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
for name in json.loads(sys.argv[2]):
    try:
        rules.add_rule(seccomp.ERRNO(errno.EPERM), name)
    except Exception:
        pass  # not a system call on this architecture
with open(sys.argv[1], "wb") as out:
    rules.export_bpf(out)
print("true")
`;
