namespace Portique.Common.Audit;

/// <summary>Who did what to which structure or user, and when. Written in the same transaction as the change it records.</summary>
public sealed class AuditEntry
{
    private AuditEntry() { }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public long? ActorUserId { get; private set; }
    public string Action { get; private set; } = "";
    public long? StructureId { get; private set; }
    public long? TargetUserId { get; private set; }
    public string? Details { get; private set; }

    public static AuditEntry Record(DateTimeOffset at, long? actor, string action, long? structureId = null, long? targetUserId = null, string? details = null) =>
        new() { At = at, ActorUserId = actor, Action = action, StructureId = structureId, TargetUserId = targetUserId, Details = details };
}
