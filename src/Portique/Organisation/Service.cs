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

    internal static Service Create(string code, string name, DateOnly? validFrom, DateOnly? validTo)
    {
        var service = new Service { Code = Validation.Required(code, "code service", 100).ToUpperInvariant() };
        service.Modify(name, validFrom, validTo, false);
        return service;
    }

    public void Modify(string name, DateOnly? validFrom, DateOnly? validTo, bool commitmentNumberRequired)
    {
        if (validFrom is { } from && validTo is { } to && to < from)
            throw new PortiqueException("SERVICE_DATES_INVALID", "La date de fin de validité du service précède sa date de début.");
        Name = Validation.Required(name, "libellé du service", 200);
        ValidFrom = validFrom;
        ValidTo = validTo;
        CommitmentNumberRequired = commitmentNumberRequired;
    }

    public void SetActive(bool active)
    {
        if (IsActive == active)
            throw new PortiqueException(active ? "SERVICE_ALREADY_ACTIVE" : "SERVICE_ALREADY_INACTIVE",
                active ? "Le service est déjà actif." : "Le service est déjà désactivé.");
        IsActive = active;
    }

    /// <summary>Whether invoices may be addressed to this service on the given day.</summary>
    public bool IsOpenOn(DateOnly day) => IsActive && (ValidFrom is null || ValidFrom <= day) && (ValidTo is null || day <= ValidTo);
}
