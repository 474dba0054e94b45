using Portique.Common;
using Portique.Formats.Model;
using Portique.Organisation.BankAccounts;

namespace Portique.Invoicing.Entry;

/// <summary>A payment means of an entered invoice: Chorus Pro's code (chorus-pro.md §1.5) and what it is in EN 16931 (UNTDID 4461, BT-81).</summary>
public sealed record PaymentMode(string Code, string Label, string Untdid4461)
{
    /// <summary>A credit transfer must name the account to pay (EN 16931 BR-61).</summary>
    public bool NeedsAccount => Untdid4461 is "30" or "58";
}

public static class PaymentModes
{
    public static readonly IReadOnlyList<PaymentMode> All =
    [
        new("VIREMENT", "Virement", "30"),
        new("ESPECE", "Espèces", "10"),
        new("CHEQUE", "Chèque", "20"),
        new("PRELEVEMENT", "Prélèvement", "49"),
        new("REPORT", "Compensation", "97"),
        new("AUTRE", "Autre", "ZZZ"),
    ];

    /// <summary>The mode named (any case); none named with bank details means a credit transfer to them.</summary>
    internal static PaymentMode? Find(string? code, bool hasAccount)
    {
        if (string.IsNullOrWhiteSpace(code))
            return hasAccount ? All[0] : null;
        var mode = All.FirstOrDefault(m => m.Code.Equals(code.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new PortiqueException("ENTRY_PAYMENT_MODE_INVALID",
                $"Le champ « modePaiement » doit être l'un de {string.Join(", ", All.Select(m => m.Code))} : « {code} ».");
        if (mode.NeedsAccount && !hasAccount)
            throw new PortiqueException("ENTRY_BANK_ACCOUNT_REQUIRED",
                "Un paiement par virement doit indiquer les coordonnées bancaires du fournisseur (« idCoordonneesBancaires », EN 16931 BR-61).");
        if (!mode.NeedsAccount && hasAccount)
            throw new PortiqueException("ENTRY_BANK_ACCOUNT_UNEXPECTED", $"Des coordonnées bancaires ne s'indiquent que pour un virement, pas pour « {mode.Code} ».");
        return mode;
    }

    /// <summary>BG-16: the means code and, for a transfer, the account (BT-84 IBAN, BT-85 name, BT-86 BIC).</summary>
    internal static PaymentMeans Means(PaymentMode mode, BankAccount? account) => new()
    {
        TypeCode = mode.Untdid4461,
        TypeText = mode.Label,
        CreditTransfer = account is null ? null : new CreditTransfer { AccountIdentifier = account.Iban, AccountName = account.Name, ServiceProviderIdentifier = account.Bic },
    };
}
