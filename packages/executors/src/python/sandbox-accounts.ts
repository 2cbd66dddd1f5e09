/** The sandbox's own /etc/passwd: root and the sandbox user only, never the host's accounts. */
export function sandboxPasswd(uid: number): string {
  return `root:x:0:0:root:/root:/usr/sbin/nologin\nsandbox:x:${uid}:${uid}:codeact sandbox:/work:/usr/sbin/nologin\n`;
}

/** The sandbox's own /etc/group, matching `sandboxPasswd`. */
export function sandboxGroup(gid: number): string {
  return `root:x:0:\nsandbox:x:${gid}:\n`;
}
