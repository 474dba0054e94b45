using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Portique.Common;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Annuaire.ChangePlatform;

/// <summary>
/// The address is given by its parts (SIREN, and SIRET, SIRET + routing code, or a suffix); <paramref name="PlatformMatricule"/>
/// null makes the address stop receiving (a Disabled version). <paramref name="ValidFrom"/>: from when (today by default).
/// </summary>
public sealed record ChangePlatformRequest(string Siren, string? PlatformMatricule, DateOnly? ValidFrom = null, string? Siret = null,
    string? RoutingIdentifier = null, string? Suffix = null);

public sealed record ChangedLine(long IdInstance, string AddressingIdentifier, string? PlatformMatricule, DateOnly ValidFrom, LineStatus Status);

/// <summary>
/// A company chooses which platform receives its invoices, at which granularity and from when: a new version of the line,
/// the previous one closing that day (history kept). Also how a suffix or a routing-code address is created.
/// </summary>
public sealed class ChangePlatformHandler(PortiqueDb db, CurrentUser user, TimeProvider clock)
{
    public async Task<ChangedLine> HandleAsync(ChangePlatformRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var address = AddressingIdentifier.For(Siren.Checked(request.Siren), Empty(request.Siret), Empty(request.RoutingIdentifier), Empty(request.Suffix));
        await DirectoryAccess.EnsureManagerAsync(db, user, address.Siren, ct);
        var today = now.DayInParis();
        var from = request.ValidFrom ?? today;
        if (from < today)
            throw new PortiqueException("DIRECTORY_LINE_IN_PAST", $"Une ligne d'annuaire prend effet aujourd'hui ou plus tard, pas le {from:dd/MM/yyyy} : l'historique ne se réécrit pas.") { Field = "validFrom" };
        var line = await DirectoryLines.AppendAsync(db, address, Empty(request.PlatformMatricule), from, now, ct);
        db.AuditEntries.Add(AuditEntry.Record(now, user.Id, "directory.line.change", details: $"{line.IdInstance} {line.AddressingIdentifier} {line.PlatformMatricule ?? "-"} {from:yyyy-MM-dd}"));
        await db.SaveChangesAsync(ct);
        return new ChangedLine(line.IdInstance, line.AddressingIdentifier, line.PlatformMatricule, line.ValidFrom, line.StatusOn(today));
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/lines", async Task<Created<ChangedLine>> (ChangePlatformRequest request, ChangePlatformHandler handler, CancellationToken ct) =>
            {
                var line = await handler.HandleAsync(request, ct);
                return TypedResults.Created($"/directory-service/v1/directory-line/code:{line.AddressingIdentifier}", line);
            })
            .RequireAuthorization()
            .WithSummary("Choisir la plateforme de réception d'une adresse à partir d'une date (gestionnaire principal ou opérateur)");
}
