using Portique.Common;

namespace Portique.Organisation;

/// <summary>A sub-unit of a structure that invoices can be addressed to by its code.</summary>
public sealed class Service
{
    private Service() { }

    public long Id { get; private set; }
    public long StructureId { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public bool IsActive { get; private set; } = true;
    public DateOnly? ValidFrom { get; private set; }
    public DateOnly? ValidTo { get; private set; }
    public bool CommitmentNumberRequired { get; private set; }

    /// <summary>The default service of a public structure, which invoices without a service code are addressed to.</summary>
    public bool IsDefault => Code == Structure.DefaultPublicServiceCode;

    internal static Service Create(string code, string name, DateOnly? validFrom, DateOnly? validTo, bool commitmentNumberRequired)
    {
        var normalized = Validation.Required(code, "code service", 100).ToUpperInvariant();
        // Codes travel in invoices (codeServiceExecutant): keep them to letters, digits and a few separators.
        if (!normalized.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            throw new PortiqueException("SERVICE_CODE_INVALID", $"Le code service « {normalized} » ne peut contenir que des lettres, des chiffres et les signes _ - .");
        var service = new Service { Code = normalized };
        service.Modify(name, validFrom, validTo, commitmentNumberRequired);
        return service;
    }

    /// <summary>Through Structure.ModifyService, which guards the default service.</summary>
    internal void Modify(string name, DateOnly? validFrom, DateOnly? validTo, bool commitmentNumberRequired)
    {
        if (validFrom is { } from && validTo is { } to && to < from)
            throw new PortiqueException("SERVICE_DATES_INVALID", "La date de fin de validité du service précède sa date de début.");
        Name = Validation.Required(name, "libellé du service", 200);
        ValidFrom = validFrom;
        ValidTo = validTo;
        CommitmentNumberRequired = commitmentNumberRequired;
    }

    /// <summary>Through Structure.SetServiceActive, which guards the default service.</summary>
    internal void SetActive(bool active)
    {
        if (IsActive == active)
            throw new PortiqueException(active ? "SERVICE_ALREADY_ACTIVE" : "SERVICE_ALREADY_INACTIVE",
                active ? "Le service est déjà actif." : "Le service est déjà désactivé.");
        IsActive = active;
    }

    /// <summary>Whether invoices may be addressed to this service on the given day.</summary>
    public bool IsOpenOn(DateOnly day) => IsActive && (ValidFrom is null || ValidFrom <= day) && (ValidTo is null || day <= ValidTo);
}
