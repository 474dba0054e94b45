using Portique.Common;

namespace Portique.Organisation.BankAccounts;

/// <summary>
/// Bank details of a structure (Chorus Pro's "coordonnées bancaires"): suppliers choose one when they issue an invoice, which
/// then carries it as the credit transfer account. Deactivated rather than deleted, since issued invoices keep referring to it.
/// </summary>
public sealed class BankAccount
{
    private BankAccount() { }

    public long Id { get; private set; }
    public long StructureId { get; private set; }
    public string Name { get; private set; } = "";
    public string Iban { get; private set; } = "";
    public string? Bic { get; private set; }
    public bool IsActive { get; private set; } = true;
    public DateTimeOffset CreatedAt { get; private set; }

    internal static BankAccount Create(Structure structure, string? name, string? iban, string? bic, DateTimeOffset now)
    {
        structure.EnsureActive();
        return new BankAccount
        {
            StructureId = structure.Id,
            Name = Validation.Required(name, "nom", 100),
            Iban = BankAccounts.Iban.Normalize(iban),
            Bic = BankAccounts.Iban.NormalizeBic(bic),
            CreatedAt = now,
        };
    }

    internal void SetActive(bool active)
    {
        if (IsActive == active)
            throw new PortiqueException(active ? "BANK_ACCOUNT_ALREADY_ACTIVE" : "BANK_ACCOUNT_ALREADY_INACTIVE",
                active ? "Ces coordonnées bancaires sont déjà actives." : "Ces coordonnées bancaires sont déjà désactivées.");
        IsActive = active;
    }

    /// <summary>The IBAN in groups of four, as printed on a RIB.</summary>
    public static string Display(string iban) => string.Join(' ', iban.Chunk(4).Select(c => new string(c)));
}
