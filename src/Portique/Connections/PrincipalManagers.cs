using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portique.Common.Data;
using Portique.Common.Mail;
using Portique.Organisation;

namespace Portique.Connections;

/// <summary>Who answers for a structure's connections: its principal managers are told of every change to a technical account.</summary>
internal static class PrincipalManagers
{
    /// <summary>One e-mail per principal manager; a deduplication key is made unique per address by a digest of it (keys stay short).</summary>
    public static async Task NotifyAsync(PortiqueDb db, Outbox outbox, long structureId, string subject, string body, CancellationToken ct,
        string? deduplicationKey = null)
    {
        var addresses = await (
                from m in db.Memberships
                join u in db.Users on m.UserId equals u.Id
                where m.StructureId == structureId && m.IsActive && m.Role == MemberRole.PrincipalManager
                select u.ContactEmail ?? u.Email)
            .ToListAsync(ct);
        foreach (var address in addresses.OfType<string>())
            outbox.Enqueue(address, subject, body + $"\n{outbox.Link($"/Connections/Structures/{structureId}")}\n",
                deduplicationKey is null ? null : $"{deduplicationKey}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(address.ToUpperInvariant())))[..16]}");
    }
}
