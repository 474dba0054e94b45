using Microsoft.EntityFrameworkCore;
using Portique.Common.Data;

namespace Portique.Annuaire.Resolution;

/// <summary>What routing an invoice to an address gives (b2b-reform.md §1.4).</summary>
public enum RoutingOutcome
{
    /// <summary>A line in force names a receiving platform: transmit there.</summary>
    Routed,
    /// <summary>The recipient is known but has no active receiving address: accepted, status 200 with reason NON_TRANSMISE.</summary>
    NotTransmitted,
    /// <summary>Nobody is known under this SIREN: rejection, reason DEST_INC.</summary>
    UnknownRecipient,
    /// <summary>The address is no addressing identifier: rejection, reason ADR_ERR.</summary>
    InvalidAddress,
}

/// <summary>The answer for one address on one day: the line in force (after fallback), its platform, the legal unit.</summary>
public sealed record Resolution(string Requested, RoutingOutcome Outcome, AddressingIdentifier? Address, DirectoryLine? Line, Platform? Platform, LegalUnit? LegalUnit, string Message)
{
    public const string UnknownRecipientReason = "DEST_INC";
    public const string InvalidAddressReason = "ADR_ERR";
    public const string NotTransmittedReason = "NON_TRANSMISE";

    /// <summary>The lifecycle reason code of this outcome; null when the invoice is routed.</summary>
    public string? Reason => Outcome switch
    {
        RoutingOutcome.NotTransmitted => NotTransmittedReason,
        RoutingOutcome.UnknownRecipient => UnknownRecipientReason,
        RoutingOutcome.InvalidAddress => InvalidAddressReason,
        _ => null,
    };

    public bool IsPublicRecipient => LegalUnit?.IsPublic == true;
}

/// <summary>
/// Address + day → the directory line in force and its platform, finest granularity first (routing code → SIRET → suffix →
/// SIREN default, <see cref="AddressingIdentifier.Fallback"/>). A batch of addresses costs three queries whatever its size:
/// the lines in force of every candidate identifier, the legal units, the platforms.
/// </summary>
public sealed class DirectoryResolver(PortiqueDb db)
{
    public async Task<Resolution> ResolveAsync(string address, DateOnly day, CancellationToken ct) =>
        (await ResolveAllAsync([address], day, ct))[address];

    public async Task<IReadOnlyDictionary<string, Resolution>> ResolveAllAsync(IReadOnlyCollection<string> addresses, DateOnly day, CancellationToken ct)
    {
        var parsed = new Dictionary<string, (AddressingIdentifier? Address, string? Error)>();
        foreach (var raw in addresses.Distinct())
            parsed[raw] = (AddressingIdentifier.TryParse(raw, out var error), error);
        var valid = parsed.Values.Where(p => p.Address is not null).Select(p => p.Address!).ToList();
        var candidates = valid.SelectMany(a => a.Fallback()).Distinct().ToList();
        var sirens = valid.Select(a => a.Siren).Distinct().ToList();

        var lines = candidates.Count == 0 ? [] : await db.Set<DirectoryLine>().AsNoTracking()
            .Where(l => candidates.Contains(l.AddressingIdentifier) && l.ValidFrom <= day && (l.ValidTo == null || l.ValidTo > day))
            .ToListAsync(ct);
        var inForce = lines.ToDictionary(l => l.AddressingIdentifier);
        var units = sirens.Count == 0 ? [] : await db.Set<LegalUnit>().AsNoTracking().Where(u => sirens.Contains(u.Siren)).ToDictionaryAsync(u => u.Siren, ct);
        var matricules = lines.Select(l => l.PlatformMatricule).OfType<string>().Distinct().ToList();
        var platforms = matricules.Count == 0 ? [] : await db.Set<Platform>().AsNoTracking().Where(p => matricules.Contains(p.Matricule)).ToDictionaryAsync(p => p.Matricule, ct);

        var answers = new Dictionary<string, Resolution>();
        foreach (var (raw, (address, error)) in parsed)
            answers[raw] = Answer(raw, address, error, inForce, units, platforms);
        return answers;
    }

    private static Resolution Answer(string raw, AddressingIdentifier? address, string? error, Dictionary<string, DirectoryLine> inForce,
        Dictionary<string, LegalUnit> units, Dictionary<string, Platform> platforms)
    {
        if (address is null)
            return new(raw, RoutingOutcome.InvalidAddress, null, null, null, null, error!);
        if (!units.TryGetValue(address.Siren, out var unit))
            return new(raw, RoutingOutcome.UnknownRecipient, address, null, null, null, $"Aucune entreprise de SIREN {address.Siren} n'est inscrite à l'annuaire.");
        var line = address.Fallback().Select(c => inForce.GetValueOrDefault(c)).FirstOrDefault(l => l is not null);
        if (line?.PlatformMatricule is { } matricule && platforms.TryGetValue(matricule, out var platform) && platform.IsActive)
            return new(raw, RoutingOutcome.Routed, address, line, platform, unit, $"Adresse {line.AddressingIdentifier} : plateforme {platform.Matricule} ({platform.Name}).");
        return new(raw, RoutingOutcome.NotTransmitted, address, line, null, unit,
            $"Le destinataire {unit.BusinessName} (SIREN {unit.Siren}) n'a pas d'adresse de réception active : facture non transmise.");
    }
}
