using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Data;
using Portique.Cpro.Common;
using Portique.Organisation;

namespace Portique.Cpro.Transverses;

/// <summary>
/// transverses/v1/telecharger/annuaire/destinataire — the public recipients' directory as a file — and consulter/information/
/// siret. Portique is not linked to INSEE's register: both answer from the portal's own directory of structures, where a
/// structure INSEE does not publish (nonDiffusibleInsee) shows no address.
/// </summary>
internal static class RecipientDirectory
{
    public const string FileName = "annuaire-destinataires.csv";

    /// <summary>The columns of the directory file, one line per active service of an active public structure (one line without a service for a structure that has none).</summary>
    public static readonly string[] Columns =
    [
        "idStructureCPP", "identifiantStructure", "typeIdentifiantStructure", "raisonSociale", "adresse", "complementAdresse", "codePostal", "ville", "pays",
        "codeServiceDoitEtreRenseigne", "numeroEJDoitEtreRenseigne", "gestionNumeroEJOuCodeService", "statutMiseEnPaiementNestPasRemonte",
        "codeService", "libelleService", "numeroEJDoitEtreRenseignePourLeService",
    ];

    internal static void Map(IEndpointRouteBuilder cpro)
    {
        cpro.MapPost("/transverses/v1/telecharger/annuaire/destinataire", DownloadAsync).WithSummary("Télécharger l'annuaire des destinataires publics (zip d'un CSV)");
        cpro.MapPost("/transverses/v1/consulter/information/siret", SiretAsync).WithSummary("Informations d'un SIRET (annuaire de Portique)");
    }

    /// <summary>
    /// fichierResultat: a zip holding annuaire-destinataires.csv (UTF-8, ";" separated, OUI/NON for the parameters), written
    /// as the rows stream from the database so the national directory never sits in memory as objects.
    /// </summary>
    private static async Task<IResult> DownloadAsync(PortiqueDb db, CancellationToken ct)
    {
        var rows =
            from s in db.Structures.AsNoTracking()
            where s.IsPublic && s.IsActive
            join v in db.Services.AsNoTracking().Where(v => v.IsActive) on s.Id equals v.StructureId into services
            from v in services.DefaultIfEmpty()
            orderby s.Id, v.Code
            select new
            {
                s.Id, s.Identifier, s.IdentifierType, s.Name, Hidden = s.Parameters.InseeNonDiffusible, s.Address.Line1, s.Address.Line2,
                s.Address.PostCode, s.Address.City, s.Address.CountryCode, s.Parameters.ServiceCodeRequired, s.Parameters.CommitmentNumberRequired,
                s.Parameters.ServiceCodeOrCommitmentRequired, s.Parameters.PaymentStatusNotReported,
                ServiceCode = v == null ? null : v.Code, ServiceName = v == null ? null : v.Name, ServiceCommitment = v != null && v.CommitmentNumberRequired,
            };
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry(FileName, CompressionLevel.Optimal);
            await using var stream = await entry.OpenAsync(ct);
            await using var csv = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            await csv.WriteLineAsync(string.Join(';', Columns));
            await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                string?[] fields =
                [
                    r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Identifier, r.IdentifierType.ToString(), r.Name,
                    r.Hidden ? null : r.Line1, r.Hidden ? null : r.Line2, r.Hidden ? null : r.PostCode, r.Hidden ? null : r.City, r.Hidden ? null : r.CountryCode,
                    YesNo(r.ServiceCodeRequired), YesNo(r.CommitmentNumberRequired), YesNo(r.ServiceCodeOrCommitmentRequired), YesNo(r.PaymentStatusNotReported),
                    r.ServiceCode, r.ServiceName, r.ServiceCode is null ? null : YesNo(r.ServiceCommitment),
                ];
                await csv.WriteLineAsync(string.Join(';', fields.Select(Field)));
            }
        }
        return CproAnswer.Json(CproAnswer.Ok(("fichierResultat", Convert.ToBase64String(buffer.ToArray()))));
    }

    private static string YesNo(bool value) => value ? "OUI" : "NON";

    /// <summary>A CSV field: quoted, quotes doubled, when it holds the separator, a quote or a line break.</summary>
    private static string Field(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    /// <summary>
    /// {siretStructure} → what the directory knows of that SIRET, in the names of Chorus Pro's INSEE look-up. Portique keeps
    /// no INSEE categories nor creation dates (null); the NIC is the SIRET's last five digits. A SIRET the directory does not
    /// hold is STRUCTURE_NOT_FOUND, since no register is asked.
    /// </summary>
    private static async Task<IResult> SiretAsync(HttpContext http, PortiqueDb db, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var raw = body.String("siretStructure") ?? body.String("siret") ?? throw new PortiqueException("FIELD_REQUIRED", "« siretStructure » est obligatoire.");
        var siret = StructureIdentifier.Canonical(IdentifierType.SIRET, raw);
        if (!StructureIdentifier.IsValidSiret(siret))
            throw new PortiqueException("SIRET_INVALID", $"Le SIRET « {raw} » est invalide : 14 chiffres dont la clé de contrôle (Luhn) est juste.");
        var s = await db.Structures.AsNoTracking().Where(x => x.IdentifierType == IdentifierType.SIRET && x.Identifier == siret)
            .Select(x => new { x.Name, x.IsActive, x.Address, Hidden = x.Parameters.InseeNonDiffusible }).FirstOrDefaultAsync(ct)
            ?? throw PortiqueException.NotFound("STRUCTURE_NOT_FOUND", $"Le SIRET {siret} n'est pas dans l'annuaire de Portique (Portique n'interroge pas le répertoire de l'INSEE).");
        var address = s.Hidden ? null : string.Join(", ", new[] { s.Address.Line1, s.Address.Line2, $"{s.Address.PostCode} {s.Address.City}".Trim() }
            .Where(part => !string.IsNullOrWhiteSpace(part)));
        return CproAnswer.Json(CproAnswer.Ok(
            ("siret", siret),
            ("siren", siret[..9]),
            ("numeroInterneClassement", siret[9..]),
            ("raisonSociale", s.Name),
            ("adresse", string.IsNullOrEmpty(address) ? null : address),
            ("estActif", s.IsActive),
            ("nonDiffusibleInsee", s.Hidden),
            ("siege", null),
            ("localisationSiege", null),
            ("categorieEntreprise", null),
            ("categorieJuridique", null),
            ("civilite", null),
            ("dateCreationEntreprise", null),
            ("dateCreationEtablissement", null),
            ("dateReactivationEtablissement", null),
            ("siretPredecesseurSuccesseur", null)));
    }
}
