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

namespace Portique.Organisation.Users.AttachUser;

public sealed record AttachUserRequest(string Email, IReadOnlyList<long>? ServiceIds = null);

/// <summary>
/// Attaches an existing account, found by its login e-mail, as a simple user with no habilitation (rights are granted afterwards),
/// optionally narrowed to some services. A previously detached user is attached again on the same membership.
/// </summary>
public sealed class AttachUserHandler(PortiqueDb db, CurrentUser caller, TimeProvider clock, ILookupNormalizer normalizer, Outbox outbox)
{
    public async Task<MemberView> HandleAsync(long structureId, AttachUserRequest request, CancellationToken ct)
    {
        var email = Validation.Required(request.Email, "e-mail de connexion", 254);
        var structure = await Members.StructureAsync(db, structureId, ct);
        structure.EnsureActive();
        var serviceIds = (request.ServiceIds ?? []).Select(id => structure.GetService(id).Id).ToList();

        var normalized = normalizer.NormalizeEmail(email);
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, ct)
            ?? throw PortiqueException.NotFound("USER_NOT_FOUND", $"Aucun compte n'a l'adresse de connexion « {email} ».");
        if (user.IsDeactivated)
            throw new PortiqueException("USER_DEACTIVATED", "Ce compte est désactivé : il ne peut pas être rattaché.");

        var now = clock.GetUtcNow();
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.StructureId == structureId && m.UserId == user.Id, ct);
        var action = "user.attach";
        if (membership is null)
        {
            membership = Membership.Attach(structureId, user.Id, MemberRole.User, now);
            db.Memberships.Add(membership);
        }
        else
        {
            membership.Reattach(now);
            action = "user.reattach";
        }
        membership.AssignServices(serviceIds);
        db.AuditEntries.Add(AuditEntry.Record(now, caller.Id, action, structureId, user.Id,
            serviceIds.Count == 0 ? null : "services " + string.Join(", ", serviceIds.Select(id => structure.GetService(id).Code))));
        // Rights change is security mail: it goes to the login address, in the same transaction as the change.
        outbox.Enqueue(user.Email ?? "", $"Portique — rattachement à {structure.Name}",
            $"Bonjour,\n\nVous êtes désormais rattaché(e) à la structure « {structure.Name} » ({structure.IdentifierType} {structure.Identifier}) sur Portique.\n" +
            $"Ses gestionnaires vous attribueront vos habilitations.\n\n{outbox.Link($"/Organisation/Structures/{structureId}")}\n");
        await db.SaveChangesAsync(ct);
        return await Members.ViewAsync(db, structureId, user.Id, ct);
    }

    internal static void Map(IEndpointRouteBuilder users) =>
        users.MapPost("", async Task<Created<MemberView>> (long structureId, AttachUserRequest request, AttachUserHandler handler, CancellationToken ct) =>
            {
                var member = await handler.HandleAsync(structureId, request, ct);
                return TypedResults.Created($"/api/v1/structures/{structureId}/users/{member.UserId}", member);
            })
            .RequireAuthorization(Policies.OrganisationWrite)
            .WithSummary("Rattacher un utilisateur existant (par son e-mail de connexion), éventuellement à des services");
}
