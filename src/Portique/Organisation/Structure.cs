using Portique.Common;

namespace Portique.Organisation;

/// <summary>A legal establishment (structure) with its services and the parameters that constrain the invoices it receives.</summary>
public sealed class Structure
{
    public const string DefaultPublicServiceCode = "FACTURES_PUBLIQUES";

    private Structure() { }

    public long Id { get; private set; }
    public IdentifierType IdentifierType { get; private set; }
    public string Identifier { get; private set; } = "";
    public string Name { get; private set; } = "";
    /// <summary>Upper-case, accent-free copy of the name: what name-prefix search compares against, through an index.</summary>
    public string NameKey { get; private set; } = "";
    public bool IsPublic { get; private set; }
    public string? Email { get; private set; }
    public string? VatNumber { get; private set; }
    public PostalAddress Address { get; private set; } = new();
    public StructureParameters Parameters { get; private set; } = new();
    public bool IsActive { get; private set; } = true;
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? UpdatedAt { get; private set; }
    public List<Service> Services { get; private set; } = [];

    public static Structure Create(IdentifierType type, string identifier, string name, bool isPublic, DateTimeOffset now)
    {
        var structure = new Structure
        {
            IdentifierType = type,
            Identifier = StructureIdentifier.Normalize(type, identifier),
            IsPublic = isPublic,
            CreatedAt = now,
        };
        structure.Rename(name);
        // Every public structure carries the default service; it is a label for invoices sent without a service code.
        if (isPublic)
            structure.Services.Add(Service.Create(DefaultPublicServiceCode, "Service des factures publiques", null, null, false));
        return structure;
    }

    /// <summary>Checks every field before changing any, so a refused modification leaves the structure as it was.</summary>
    public void Modify(string name, string? email, string? vatNumber, PostalAddress address, StructureParameters parameters, DateTimeOffset now)
    {
        EnsureActive();
        var checkedName = Validation.Required(name, "raison sociale", 200);
        var checkedEmail = Validation.MaxLength(email, "e-mail", 254);
        if (checkedEmail is not null && !System.Net.Mail.MailAddress.TryCreate(checkedEmail, out _))
            throw new PortiqueException("EMAIL_INVALID", $"L'adresse « {checkedEmail} » n'est pas une adresse e-mail.");
        var checkedVat = Validation.MaxLength(vatNumber, "numéro de TVA", 20)?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var checkedAddress = address.Validated();
        var checkedParameters = parameters.Checked();

        Rename(checkedName);
        Email = checkedEmail;
        VatNumber = checkedVat;
        Address = checkedAddress;
        Parameters = checkedParameters;
        UpdatedAt = now;
    }

    private void Rename(string name)
    {
        Name = Validation.Required(name, "raison sociale", 200);
        NameKey = SearchKey.Of(Name);
    }

    public void Deactivate(DateTimeOffset now)
    {
        if (!IsActive)
            throw new PortiqueException("STRUCTURE_ALREADY_INACTIVE", "La structure est déjà désactivée.");
        IsActive = false;
        UpdatedAt = now;
    }

    public void Reactivate(DateTimeOffset now)
    {
        if (IsActive)
            throw new PortiqueException("STRUCTURE_ALREADY_ACTIVE", "La structure est déjà active.");
        IsActive = true;
        UpdatedAt = now;
    }

    public Service AddService(string code, string name, DateOnly? validFrom, DateOnly? validTo, bool commitmentNumberRequired = false)
    {
        EnsureActive();
        var service = Service.Create(code, name, validFrom, validTo, commitmentNumberRequired);
        // The default service exists on public structures only and is created with them; nobody may create another one.
        if (service.IsDefault)
            throw new PortiqueException("SERVICE_CODE_RESERVED", $"Le code service « {DefaultPublicServiceCode} » est réservé au service par défaut des structures publiques.");
        if (Services.Any(s => string.Equals(s.Code, service.Code, StringComparison.OrdinalIgnoreCase)))
            throw PortiqueException.Conflict("SERVICE_CODE_DUPLICATE", $"Le code service « {service.Code} » existe déjà dans cette structure.");
        Services.Add(service);
        return service;
    }

    public Service ModifyService(long serviceId, string name, DateOnly? validFrom, DateOnly? validTo, bool commitmentNumberRequired)
    {
        EnsureActive();
        var service = GetService(serviceId);
        // An end date would close the default service just as deactivation would: invoices sent without a service code land there.
        if (service.IsDefault && validTo is not null)
            throw new PortiqueException("DEFAULT_SERVICE_PROTECTED", $"Le service « {DefaultPublicServiceCode} » ne peut recevoir de date de fin de validité.");
        service.Modify(name, validFrom, validTo, commitmentNumberRequired);
        return service;
    }

    public Service SetServiceActive(long serviceId, bool active)
    {
        EnsureActive();
        var service = GetService(serviceId);
        if (service.IsDefault && !active)
            throw new PortiqueException("DEFAULT_SERVICE_PROTECTED", $"Le service « {DefaultPublicServiceCode} » d'une structure publique ne peut être désactivé.");
        service.SetActive(active);
        return service;
    }

    public Service GetService(long serviceId) =>
        Services.FirstOrDefault(s => s.Id == serviceId)
        ?? throw PortiqueException.NotFound("SERVICE_NOT_FOUND", $"Le service {serviceId} n'existe pas dans cette structure.");

    public void EnsureActive()
    {
        if (!IsActive)
            throw new PortiqueException("STRUCTURE_INACTIVE", "La structure est désactivée.");
    }
}

/// <summary>The invoice-reception parameters of chorus-pro.md §4.</summary>
public sealed record StructureParameters
{
    public bool ServiceCodeRequired { get; init; }          // codeServiceDoitEtreRenseigne
    public bool CommitmentNumberRequired { get; init; }     // numeroEJDoitEtreRenseigne
    public bool ServiceCodeOrCommitmentRequired { get; init; } // gestionNumeroEJOuCodeService
    public bool PaymentStatusNotReported { get; init; }     // statutMiseEnPaiementNestPasRemonte
    public bool MoaOnly { get; init; }                      // estMoaUniquement
    public bool ManagesMoa { get; init; }                   // getaMoa
    public bool EdiConnection { get; init; }                // connexionEDI
    public bool ReceivesViaEdi { get; init; }               // recevoirDonneesViaEDI
    public bool DelegatedValidator { get; init; }           // estValideurDelegue
    public bool InseeNonDiffusible { get; init; }           // nonDiffusibleInsee

    /// <summary>
    /// "Service code or commitment number" is a level of its own (chorus-pro.md §4: none, service, engagement, either, both):
    /// combined with "service code required" or "commitment required" it would say two things at once.
    /// </summary>
    public StructureParameters Checked() =>
        ServiceCodeOrCommitmentRequired && (ServiceCodeRequired || CommitmentNumberRequired)
            ? throw new PortiqueException("STRUCTURE_PARAMETERS_CONTRADICTORY",
                "« Code service ou numéro d'engagement obligatoire » ne se combine pas avec « Code service obligatoire » ni « Numéro d'engagement obligatoire » : choisissez l'un ou les deux autres.")
            { Field = "serviceCodeOrCommitmentRequired" }
            : this;
}

public sealed record PostalAddress
{
    public string? Line1 { get; init; }
    public string? Line2 { get; init; }
    public string? PostCode { get; init; }
    public string? City { get; init; }
    public string? CountryCode { get; init; } = "FR";

    public PostalAddress Validated() => new()
    {
        Line1 = Validation.MaxLength(Line1, "adresse", 200),
        Line2 = Validation.MaxLength(Line2, "complément d'adresse", 200),
        PostCode = Validation.MaxLength(PostCode, "code postal", 10),
        City = Validation.MaxLength(City, "ville", 100),
        CountryCode = CheckedCountry(Validation.MaxLength(CountryCode, "pays", 2)),
    };

    private static string? CheckedCountry(string? code) =>
        code is null || (code.Length == 2 && code.All(char.IsAsciiLetter))
            ? code?.ToUpperInvariant()
            : throw new PortiqueException("COUNTRY_CODE_INVALID", $"Le code pays « {code} » doit comporter deux lettres (ISO 3166-1).");
}
