using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Organisation.Users.ListUsers;

/// <summary>The users of a structure (attached ones; detached ones on request), principal manager first.</summary>
public sealed class ListUsersHandler(PortiqueDb db)
{
    public async Task<Page<MemberView>> HandleAsync(long structureId, bool includeDetached, PageRequest paging, CancellationToken ct)
    {
        var structure = await db.Structures.AsNoTracking().Include(s => s.Services).FirstOrDefaultAsync(s => s.Id == structureId, ct)
            ?? throw PortiqueException.NotFound("STRUCTURE_NOT_FOUND", $"La structure {structureId} n'existe pas.");
        var memberships = db.Memberships.Where(m => m.StructureId == structureId && (includeDetached || m.IsActive));
        var total = await memberships.CountAsync(ct);
        var items = await Members.ViewsAsync(db, structure, memberships, ct, paging.Skip, paging.SafeSize);
        return new Page<MemberView>(items, paging.SafePage, paging.SafeSize, total);
    }

    public Task<MemberView> GetAsync(long structureId, long userId, CancellationToken ct) => Members.ViewAsync(db, structureId, userId, ct);

    internal static void Map(IEndpointRouteBuilder users)
    {
        users.MapGet("", async Task<Ok<Page<MemberView>>> (long structureId, bool? includeDetached, int? page, int? size, ListUsersHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(structureId, includeDetached ?? false, new PageRequest(page ?? 1, size ?? 20), ct)))
            .RequireAuthorization(Policies.OrganisationRead)
            .WithSummary("Lister les utilisateurs d'une structure (rôle, statut, habilitations, services)");
        users.MapGet("/{userId:long}", async Task<Ok<MemberView>> (long structureId, long userId, ListUsersHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.GetAsync(structureId, userId, ct)))
            .RequireAuthorization(Policies.OrganisationRead)
            .WithSummary("Consulter un utilisateur de la structure");
    }
}
