using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Organisation.MyStructures;

public sealed record MyStructure(long Id, IdentifierType IdentifierType, string Identifier, string Name, bool IsPublic, bool IsActive, MemberRole Role, bool CanManage);

/// <summary>"Mes structures": the structures the caller is attached to, with the role held there.</summary>
public sealed class MyStructuresHandler(PortiqueDb db, CurrentUser user)
{
    public async Task<IReadOnlyList<MyStructure>> HandleAsync(CancellationToken ct)
    {
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == user.Id && m.IsActive).ToListAsync(ct);
        var ids = memberships.Select(m => m.StructureId).ToList();
        var structures = await db.Structures.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.IdentifierType, s.Identifier, s.Name, s.IsPublic, s.IsActive })
            .ToDictionaryAsync(s => s.Id, ct);
        return memberships
            .Select(m => (m, s: structures[m.StructureId]))
            .OrderBy(x => x.s.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(x => new MyStructure(x.s.Id, x.s.IdentifierType, x.s.Identifier, x.s.Name, x.s.IsPublic, x.s.IsActive, x.m.Role, x.m.CanManage))
            .ToList();
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/structures/mine", async Task<Ok<IReadOnlyList<MyStructure>>> (MyStructuresHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(ct)))
            .RequireAuthorization()
            .WithSummary("Mes structures : celles auxquelles je suis rattaché, avec mon rôle");
}
