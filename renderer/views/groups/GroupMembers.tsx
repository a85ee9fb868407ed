// A group's members as DescribeGroups tells them, each with the partitions it was assigned.
import type { GroupMemberDetail } from '../../../shared/model';

function Assignment({ member }: { member: GroupMemberDetail }) {
  if (member.assignment === null) return <span className="muted" title={`${member.assignmentBytes.length} base64 characters`}>not a consumer assignment</span>;
  if (!member.assignment.length) return <span className="muted">nothing</span>;
  return (
    <span className="mono">
      {member.assignment.map((a) => `${a.topic} [${a.partitions.join(', ')}]`).join('; ')}
    </span>
  );
}

export function GroupMembers({ members }: { members: GroupMemberDetail[] }) {
  if (!members.length) return <p className="muted" data-testid="group-members">No members: nothing reads for this group now.</p>;
  return (
    <div className="dialog-scroll">
      <table className="table" data-testid="group-members">
        <thead><tr><th>Member</th><th>Instance</th><th>Client</th><th>Host</th><th>Assignment</th></tr></thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.memberId} data-member={m.memberId}>
              <td className="mono member-id" title={m.memberId}>{m.memberId}</td>
              <td className="mono">{m.groupInstanceId ?? <span className="muted">—</span>}</td>
              <td className="mono">{m.clientId}</td>
              <td className="mono">{m.host}</td>
              <td><Assignment member={m} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
