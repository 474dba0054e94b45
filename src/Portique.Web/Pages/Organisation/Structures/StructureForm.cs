using Portique.Organisation;

namespace Portique.Web.Pages.Organisation.Structures;

/// <summary>The editable fields of a structure as the create and modify pages post them.</summary>
public sealed class StructureForm
{
    public string Name { get; set; } = "";
    public string? Email { get; set; }
    public string? VatNumber { get; set; }
    public string? Line1 { get; set; }
    public string? Line2 { get; set; }
    public string? PostCode { get; set; }
    public string? City { get; set; }
    public string? CountryCode { get; set; } = "FR";
    public bool ServiceCodeRequired { get; set; }
    public bool CommitmentNumberRequired { get; set; }
    public bool ServiceCodeOrCommitmentRequired { get; set; }
    public bool PaymentStatusNotReported { get; set; }
    public bool MoaOnly { get; set; }
    public bool ManagesMoa { get; set; }
    public bool EdiConnection { get; set; }
    public bool ReceivesViaEdi { get; set; }
    public bool DelegatedValidator { get; set; }
    public bool InseeNonDiffusible { get; set; }

    public PostalAddress Address => new() { Line1 = Line1, Line2 = Line2, PostCode = PostCode, City = City, CountryCode = CountryCode };

    public StructureParameters Parameters => new()
    {
        ServiceCodeRequired = ServiceCodeRequired,
        CommitmentNumberRequired = CommitmentNumberRequired,
        ServiceCodeOrCommitmentRequired = ServiceCodeOrCommitmentRequired,
        PaymentStatusNotReported = PaymentStatusNotReported,
        MoaOnly = MoaOnly,
        ManagesMoa = ManagesMoa,
        EdiConnection = EdiConnection,
        ReceivesViaEdi = ReceivesViaEdi,
        DelegatedValidator = DelegatedValidator,
        InseeNonDiffusible = InseeNonDiffusible,
    };

    public static StructureForm From(string name, string? email, string? vatNumber, PostalAddress a, StructureParameters p) => new()
    {
        Name = name, Email = email, VatNumber = vatNumber,
        Line1 = a.Line1, Line2 = a.Line2, PostCode = a.PostCode, City = a.City, CountryCode = a.CountryCode,
        ServiceCodeRequired = p.ServiceCodeRequired,
        CommitmentNumberRequired = p.CommitmentNumberRequired,
        ServiceCodeOrCommitmentRequired = p.ServiceCodeOrCommitmentRequired,
        PaymentStatusNotReported = p.PaymentStatusNotReported,
        MoaOnly = p.MoaOnly,
        ManagesMoa = p.ManagesMoa,
        EdiConnection = p.EdiConnection,
        ReceivesViaEdi = p.ReceivesViaEdi,
        DelegatedValidator = p.DelegatedValidator,
        InseeNonDiffusible = p.InseeNonDiffusible,
    };

    /// <summary>The parameters of chorus-pro.md §4 with their French labels, in the order the pages show them.</summary>
    public static readonly (string Field, string Label, Func<StructureParameters, bool> Value)[] ParameterList =
    [
        (nameof(ServiceCodeRequired), "Code service obligatoire", p => p.ServiceCodeRequired),
        (nameof(CommitmentNumberRequired), "Numéro d'engagement obligatoire", p => p.CommitmentNumberRequired),
        (nameof(ServiceCodeOrCommitmentRequired), "Code service ou numéro d'engagement obligatoire", p => p.ServiceCodeOrCommitmentRequired),
        (nameof(PaymentStatusNotReported), "Statut « mise en paiement » non remonté", p => p.PaymentStatusNotReported),
        (nameof(MoaOnly), "Maîtrise d'ouvrage uniquement", p => p.MoaOnly),
        (nameof(ManagesMoa), "Gestion de la maîtrise d'ouvrage", p => p.ManagesMoa),
        (nameof(EdiConnection), "Connexion EDI", p => p.EdiConnection),
        (nameof(ReceivesViaEdi), "Réception des données par EDI", p => p.ReceivesViaEdi),
        (nameof(DelegatedValidator), "Valideur délégué", p => p.DelegatedValidator),
        (nameof(InseeNonDiffusible), "Non diffusible (INSEE)", p => p.InseeNonDiffusible),
    ];

    public static string TypeLabel(IdentifierType type) => type switch
    {
        IdentifierType.SIRET => "SIRET",
        IdentifierType.UE_HORS_FRANCE => "TVA intracommunautaire (UE hors France)",
        IdentifierType.HORS_UE => "Hors UE",
        IdentifierType.RIDET => "RIDET",
        IdentifierType.TAHITI => "TAHITI",
        IdentifierType.PARTICULIER => "Particulier",
        _ => "Autre",
    };
}
