using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Invoicing;

/// <summary>
/// The recipient checks of a deposit or a recycling (chorus-pro.md §4): the structure exists and is active, and its
/// reception parameters are met — service code and/or commitment number (EJ) when it requires them, service known and open.
/// Each refusal has a stable code, used as the rule id of the deposit report.
/// </summary>
public sealed class RecipientCheck(PortiqueDb db)
{
    public sealed record Recipient(Structure Structure, Service? Service);

    /// <summary>The structure whose identifier (or VAT number) is one of the candidates; the identifier wins over the VAT number.</summary>
    public async Task<Structure?> FindAsync(IReadOnlyCollection<string> candidates, CancellationToken ct)
    {
        if (candidates.Count == 0)
            return null;
        return await db.Structures.Include(s => s.Services).FirstOrDefaultAsync(s => candidates.Contains(s.Identifier), ct)
            ?? await db.Structures.Include(s => s.Services).FirstOrDefaultAsync(s => s.VatNumber != null && candidates.Contains(s.VatNumber), ct);
    }

    /// <summary>Every structure whose identifier or VAT number is one of the candidates, with its services: a batch's recipients in one query.</summary>
    public async Task<IReadOnlyList<Structure>> FindAllAsync(IReadOnlyCollection<string> candidates, CancellationToken ct) =>
        candidates.Count == 0
            ? []
            : await db.Structures.AsNoTracking().Include(s => s.Services)
                .Where(s => candidates.Contains(s.Identifier) || (s.VatNumber != null && candidates.Contains(s.VatNumber)))
                .ToListAsync(ct);

    /// <summary>Among <paramref name="structures"/>, as <see cref="FindAsync"/> would: the identifier wins over the VAT number.</summary>
    public static Structure? Pick(IReadOnlyList<Structure> structures, IReadOnlyCollection<string> candidates) =>
        structures.FirstOrDefault(s => candidates.Contains(s.Identifier))
        ?? structures.FirstOrDefault(s => s.VatNumber != null && candidates.Contains(s.VatNumber));

    /// <summary>
    /// Checks the parameters. <paramref name="serviceCode"/> is the code service exécutant: a code that names none of the
    /// structure's services is an error only when the structure requires a service code (in invoice files BT-10 often
    /// carries a buyer reference that is no service code at all).
    /// </summary>
    public static Recipient Check(Structure? structure, string? serviceCode, string? commitmentNumber, DateOnly day)
    {
        if (structure is null)
            throw new PortiqueException("RECIPIENT_NOT_FOUND", "Le destinataire de la facture n'est pas une structure connue du portail.");
        if (!structure.IsActive)
            throw new PortiqueException("RECIPIENT_INACTIVE", $"La structure destinataire {structure.Identifier} est désactivée.");
        var code = string.IsNullOrWhiteSpace(serviceCode) ? null : serviceCode.Trim();
        var service = code is null ? null : structure.Services.FirstOrDefault(s => string.Equals(s.Code, code, StringComparison.OrdinalIgnoreCase));
        var parameters = structure.Parameters;
        if (service is null && code is not null && parameters.ServiceCodeRequired)
            throw new PortiqueException("SERVICE_NOT_FOUND", $"Le service « {code} » n'existe pas chez le destinataire {structure.Identifier}.");
        if (service is null && parameters.ServiceCodeRequired)
            throw new PortiqueException("SERVICE_CODE_REQUIRED", $"Le destinataire {structure.Identifier} exige un code service.");
        if (service is not null && !service.IsOpenOn(day))
            throw new PortiqueException("SERVICE_INACTIVE", $"Le service « {service.Code} » du destinataire {structure.Identifier} n'est pas actif.");
        var hasCommitment = !string.IsNullOrWhiteSpace(commitmentNumber);
        if (!hasCommitment && (parameters.CommitmentNumberRequired || service?.CommitmentNumberRequired == true))
            throw new PortiqueException("COMMITMENT_NUMBER_REQUIRED", $"Le destinataire {structure.Identifier} exige un numéro d'engagement juridique.");
        if (!hasCommitment && service is null && parameters.ServiceCodeOrCommitmentRequired)
            throw new PortiqueException("SERVICE_OR_COMMITMENT_REQUIRED", $"Le destinataire {structure.Identifier} exige un code service ou un numéro d'engagement.");
        // Invoices without a (known) service land in the default service of a public structure.
        service ??= structure.Services.FirstOrDefault(s => s.IsDefault);
        return new Recipient(structure, service);
    }
}
