using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Common.Mail;

namespace Portique.Organisation.Users.TransferPrincipalRole;

/// <summary>
/// The principal manager hands the role to another active user of the structure and stays a simple user with
/// "Organisation modification". "Organisation modification" alone lets one reach this endpoint but not pass the rule.
/// </summary>
public sealed class TransferPrincipalRoleHandler(PortiqueDb db, CurrentUser caller, TimeProvider clock, Outbox outbox)
{
    public async Task<MemberView> HandleAsync(long structureId, long userId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await Members.LockStructureAsync(db, structureId, ct);
        var current = await db.Memberships.FirstOrDefaultAsync(m => m.StructureId == structureId && m.UserId == caller.Id, ct)
            ?? throw PortiqueException.Forbidden("NOT_PRINCIPAL_MANAGER", "Seul le gestionnaire principal peut transférer son rôle.");
        var successor = await Members.MembershipAsync(db, structureId, userId, ct);
        var account = await Members.UserAsync(db, userId, ct);
        current.TransferPrincipalRoleTo(successor, account.IsActiveAccount);
        db.AuditEntries.Add(AuditEntry.Record(clock.GetUtcNow(), caller.Id, "principal.transfer", structureId, userId,
            $"rôle de gestionnaire principal transféré par l'utilisateur {caller.Id}"));
        var structure = await Members.StructureAsync(db, structureId, ct);
        outbox.Enqueue(account.Email ?? "", $"Portique — vous êtes gestionnaire principal de {structure.Name}",
            $"Bonjour,\n\nLe rôle de gestionnaire principal de la structure « {structure.Name} » vous a été transféré sur Portique.\n\n" +
            $"{outbox.Link($"/Organisation/Structures/{structureId}/Users")}\n");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await Members.ViewAsync(db, structureId, userId, ct);
    }

    internal static void Map(IEndpointRouteBuilder users) =>
        users.MapPost("/{userId:long}/transfer-principal-role", async Task<Ok<MemberView>> (long structureId, long userId, TransferPrincipalRoleHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(structureId, userId, ct)))
            .RequireAuthorization(Policies.OrganisationWrite)
            .WithSummary("Transférer le rôle de gestionnaire principal à cet utilisateur (réservé au gestionnaire principal)");
}
