using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Portique.Common;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Organisation.Users.ExportUsers;

public sealed record UsersExport(string FileName, byte[] Content)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

/// <summary>
/// The attached users of a structure as an .xlsx sheet: one row per user with role, account status, services and one column
/// per application showing the effective profile (the principal manager holds every right). Extracting personal data is audited.
/// </summary>
public sealed class ExportUsersHandler(PortiqueDb db, CurrentUser caller, TimeProvider clock)
{
    public const string SheetName = "Utilisateurs";

    public async Task<UsersExport> HandleAsync(long structureId, CancellationToken ct)
    {
        var structure = await db.Structures.AsNoTracking().Include(s => s.Services).FirstOrDefaultAsync(s => s.Id == structureId, ct)
            ?? throw PortiqueException.NotFound("STRUCTURE_NOT_FOUND", $"La structure {structureId} n'existe pas.");
        var members = await Members.ViewsAsync(db, structure, db.Memberships.Where(m => m.StructureId == structureId && m.IsActive), ct);

        var rows = members.Select(Row).ToList();
        using var stream = new MemoryStream();
        // The synchronous writer: MiniExcel's async one (1.46) puts its <drawing> inside <sheetData>, which the worksheet schema
        // forbids and Excel repairs or refuses; the stream is in memory, so nothing blocks (tests validate the parts, Infrastructure/Xlsx).
        MiniExcel.SaveAs(stream, rows, sheetName: SheetName, excelType: ExcelType.XLSX);

        db.AuditEntries.Add(AuditEntry.Record(clock.GetUtcNow(), caller.Id, "users.export", structureId, details: $"{rows.Count} utilisateur(s)"));
        await db.SaveChangesAsync(ct);
        return new UsersExport($"utilisateurs-{structure.Identifier}.xlsx", stream.ToArray());
    }

    public static string RoleLabel(MemberRole role) => role == MemberRole.PrincipalManager ? "Gestionnaire principal" : "Utilisateur simple";

    public static string StatusLabel(AccountStatus status) => status switch
    {
        AccountStatus.Active => "Actif",
        AccountStatus.Unconfirmed => "Non activé",
        _ => "Désactivé",
    };

    private static Dictionary<string, object> Row(MemberView m)
    {
        var row = new Dictionary<string, object>
        {
            ["Nom"] = m.LastName,
            ["Prénom"] = m.FirstName,
            ["E-mail"] = m.Email,
            ["Rôle"] = RoleLabel(m.Role),
            ["Statut"] = StatusLabel(m.AccountStatus),
            ["Services"] = m.Services.Count == 0 ? "Toute la structure" : string.Join(", ", m.Services.Select(s => s.Code)),
        };
        foreach (var application in Enum.GetValues<PortalApplication>())
            row[application.Label()] = m.Role == MemberRole.PrincipalManager
                ? HabilitationProfile.Modification.Label()
                : string.Join(", ", m.Habilitations.Where(h => h.Application == application)
                    .Select(h => h.ServiceCode is null ? h.Profile.Label() : $"{h.Profile.Label()} ({h.ServiceCode})"));
        return row;
    }

    internal static void Map(IEndpointRouteBuilder users) =>
        users.MapGet("/export", async Task<FileContentHttpResult> (long structureId, ExportUsersHandler handler, CancellationToken ct) =>
            {
                var export = await handler.HandleAsync(structureId, ct);
                return TypedResults.File(export.Content, UsersExport.ContentType, export.FileName);
            })
            .RequireAuthorization(Policies.OrganisationRead)
            .WithSummary("Exporter au format Excel (.xlsx) les utilisateurs de la structure, leur rôle, leur statut et leurs habilitations");
}
