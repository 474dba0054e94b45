using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Common.Mail;

namespace Portique.Organisation.Users.AppointPrincipal;

public sealed record AppointPrincipalRequest(string Email);

/// <summary>
/// Operators only: when a structure's principal manager has left (account deactivated), appoint another account, found by its
/// login e-mail. The successor is attached if needed; the departed principal is demoted and detached.
/// </summary>
public sealed class AppointPrincipalHandler(PortiqueDb db, CurrentUser caller, TimeProvider clock, ILookupNormalizer normalizer, Outbox outbox)
{
    public async Task<MemberView> HandleAsync(long structureId, AppointPrincipalRequest request, CancellationToken ct)
    {
        var email = Validation.Required(request.Email, "e-mail de connexion", 254);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await Members.LockStructureAsync(db, structureId, ct);
        var structure = await Members.StructureAsync(db, structureId, ct);
        var normalized = normalizer.NormalizeEmail(email);
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, ct)
            ?? throw PortiqueException.NotFound("USER_NOT_FOUND", $"Aucun compte n'a l'adresse de connexion « {email} ».");

        var departed = await db.Memberships.FirstOrDefaultAsync(m => m.StructureId == structureId && m.IsActive && m.Role == MemberRole.PrincipalManager, ct);
        var departedActive = departed is not null && (await Members.UserAsync(db, departed.UserId, ct)).IsActiveAccount;
        var now = clock.GetUtcNow();
        var successor = await db.Memberships.FirstOrDefaultAsync(m => m.StructureId == structureId && m.UserId == user.Id, ct);
        if (successor is null)
        {
            successor = Membership.Attach(structureId, user.Id, MemberRole.User, now);
            db.Memberships.Add(successor);
        }
        else if (!successor.IsActive)
            successor.Reattach(now);

        Membership.ReplaceDepartedPrincipal(departed, departedActive, successor, user.IsActiveAccount, now);
        db.AuditEntries.Add(AuditEntry.Record(now, caller.Id, "principal.appoint", structureId, user.Id,
            departed is null ? "nommé par un opérateur" : $"nommé par un opérateur en remplacement de l'utilisateur {departed.UserId}"));
        outbox.Enqueue(user.Email ?? "", $"Portique — vous êtes gestionnaire principal de {structure.Name}",
            $"Bonjour,\n\nUn opérateur Portique vous a nommé(e) gestionnaire principal de la structure « {structure.Name} ».\n\n" +
            $"{outbox.Link($"/Organisation/Structures/{structureId}/Users")}\n");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await Members.ViewAsync(db, structureId, user.Id, ct);
    }

    internal static void Map(IEndpointRouteBuilder operatorApi) =>
        operatorApi.MapPost("/structures/{structureId:long}/principal-manager",
                async Task<Ok<MemberView>> (long structureId, AppointPrincipalRequest request, AppointPrincipalHandler handler, CancellationToken ct) =>
                    TypedResults.Ok(await handler.HandleAsync(structureId, request, ct)))
            .RequireAuthorization(Policies.Operator)
            .WithSummary("Opérateur : nommer un nouveau gestionnaire principal quand le précédent est parti");
}
