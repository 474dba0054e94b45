using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Invoicing.Recipients;

public sealed record RecipientService(string Code, string Nom, bool NumeroEngagementObligatoire);

/// <summary>A structure one may invoice, with the reception parameters the entry form checks while the user types.</summary>
public sealed record RecipientCandidate(
    string Identifiant, string TypeIdentifiant, string Nom, string? CodePostal, string? Ville, bool Actif,
    bool CodeServiceObligatoire, bool NumeroEngagementObligatoire, bool CodeServiceOuEngagement, IReadOnlyList<RecipientService> Services);

/// <summary>The answer: the candidates, and whether what was typed looks like a SIRET whose check digit is wrong.</summary>
public sealed record RecipientSearch(IReadOnlyList<RecipientCandidate> Resultats, bool SiretInvalide);

/// <summary>
/// Who can I invoice? By identifier (exact, in canonical form) or by name (prefix, like the directory), active structures
/// first, with their services open today and the parameters (service code, commitment number) a deposit will require.
/// Open to every signed-in user, as the directory is.
/// </summary>
public sealed class FindRecipientsHandler(PortiqueDb db, TimeProvider clock)
{
    public const int MaxResults = 10;

    public async Task<RecipientSearch> HandleAsync(string? q, CancellationToken ct)
    {
        var text = Validation.MaxLength(q, "q", 200);
        if (text is null || text.Length < 2)
            return new RecipientSearch([], false);
        var identifier = StructureIdentifier.Canonical(null, text).Replace(".", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var looksLikeSiret = identifier.Length == 14 && identifier.All(char.IsAsciiDigit);
        var prefix = SearchKey.Of(text);
        var query = db.Structures.AsNoTracking().Where(s => s.Identifier == identifier || s.VatNumber == identifier || (!looksLikeSiret && s.NameKey.StartsWith(prefix)));
        var found = await query.OrderByDescending(s => s.Identifier == identifier).ThenByDescending(s => s.IsActive).ThenBy(s => s.NameKey).Take(MaxResults)
            .Select(s => new
            {
                s.Id, s.Identifier, s.IdentifierType, s.Name, s.IsActive, s.Parameters,
                PostCode = s.Parameters.InseeNonDiffusible ? null : s.Address.PostCode, City = s.Parameters.InseeNonDiffusible ? null : s.Address.City,
            })
            .ToListAsync(ct);
        var ids = found.Select(s => s.Id).ToList();
        var today = clock.GetUtcNow().DayInParis();
        var services = (await db.Set<Service>().AsNoTracking().Where(s => ids.Contains(s.StructureId) && s.IsActive).OrderBy(s => s.Code).ToListAsync(ct))
            .Where(s => s.IsOpenOn(today) && !s.IsDefault)
            .ToLookup(s => s.StructureId);
        var results = found.Select(s => new RecipientCandidate(s.Identifier, s.IdentifierType.ToString(), s.Name, s.PostCode, s.City, s.IsActive,
                s.Parameters.ServiceCodeRequired, s.Parameters.CommitmentNumberRequired, s.Parameters.ServiceCodeOrCommitmentRequired,
                [.. services[s.Id].Select(v => new RecipientService(v.Code, v.Name, v.CommitmentNumberRequired))]))
            .ToList();
        return new RecipientSearch(results, looksLikeSiret && !StructureIdentifier.IsValidSiret(identifier));
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/invoices/recipients", async Task<Ok<RecipientSearch>> (string? q, FindRecipientsHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(q, ct)))
            .RequireAuthorization()
            .WithSummary("Chercher un destinataire de facture (SIRET ou nom) et ses paramètres de réception");
}
