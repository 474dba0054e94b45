using Portique.Common;

namespace Portique.Invoicing.Cadres;

/// <summary>Who deposits a document of a cadre (chorus-pro.md §3.1).</summary>
public enum CadreDepositor
{
    Supplier,
    Subcontractor,
    CoContractor,
    JusticeProvider,
    ProjectManager,
    ContractingAuthority,
    RefundBeneficiary,
}

/// <summary>The circuit a document of a cadre follows once deposited.</summary>
public enum CadreCircuit
{
    /// <summary>Routed straight to the public recipient, processed by its financial service.</summary>
    Plain,
    /// <summary>First validated by the main contractor or the mandataire (15 days, silence = tacit validation), then plain.</summary>
    Validation,
    /// <summary>The works circuit (supplier → MOE → MOA → financial service) inside a billing file: not open yet (issue 21 point 3).</summary>
    Works,
    /// <summary>A justice expense claim to a court: not open yet (issue 21 point 4).</summary>
    JusticeClaim,
    /// <summary>A TICPE/TICGN refund request: filed in the Refunds module, never as an invoice.</summary>
    Refund,
}

/// <summary>
/// One cadre de facturation: its BT-23 code (A9), its Chorus Pro name (A9_FACTURE_SOUSTRAITANT), who deposits it, to whom,
/// the circuit it follows and the next step, in the words users read.
/// </summary>
public sealed record Cadre(string Code, string Name, CadreDepositor Depositor, CadreCircuit Circuit, string Label, string Recipient, string NextStep)
{
    /// <summary>Whether the invoice channels (flow, entry, PDF deposit, soumettre) take this cadre today.</summary>
    public bool IsOpen => Circuit is CadreCircuit.Plain or CadreCircuit.Validation;

    /// <summary>Whether the depositor names a validator structure (main contractor for A9, mandataire for A12).</summary>
    public bool NeedsValidator => Circuit == CadreCircuit.Validation;

    /// <summary>Whether only a public structure may deposit it (the MOA is a public buyer, chorus-pro.md §3.2).</summary>
    public bool PublicDepositorOnly => Depositor == CadreDepositor.ContractingAuthority;
}

/// <summary>
/// The 25 cadres of chorus-pro.md §3.1 and the rule that says whether a structure may deposit one on the invoice channels.
/// The works (A4–A8, A10, A11, A13–A20, A22–A25) and justice (A3) circuits are listed with their actors so that their
/// modules only have to open them; until then a document of those cadres is refused with a code saying why.
/// </summary>
public static class CadreTable
{
    public const string DefaultCode = "A1";

    private const string ToRecipient = "Le destinataire public reçoit la facture et la traite (service fait, mandatement, mise en paiement).";
    private const string ToWorks = "Le document rejoint un dossier de facturation du circuit des factures de travaux.";

    public static readonly IReadOnlyList<Cadre> All =
    [
        new("A1", "A1_FACTURE_FOURNISSEUR", CadreDepositor.Supplier, CadreCircuit.Plain,
            "Dépôt par un fournisseur d'une facture", "Structure publique destinataire", ToRecipient),
        new("A2", "A2_FACTURE_FOURNISSEUR_DEJA_PAYEE", CadreDepositor.Supplier, CadreCircuit.Plain,
            "Dépôt par un fournisseur d'une facture déjà payée", "Structure publique destinataire", ToRecipient),
        new("A3", "A3_MEMOIRE_JUSTICE", CadreDepositor.JusticeProvider, CadreCircuit.JusticeClaim,
            "Dépôt d'un mémoire de frais de justice", "Juridiction désignée par la décision", "La juridiction traite le mémoire comme une facture."),
        new("A4", "A4_PROJET_DECOMPTE_MENSUEL_FOURNISSEUR", CadreDepositor.Supplier, CadreCircuit.Works,
            "Dépôt par un fournisseur d'un projet de décompte mensuel", "Maîtrise d'œuvre", "La maîtrise d'œuvre établit l'état d'acompte (A15) sous 7 jours."),
        new("A5", "A5_ETAT_ACOMPTE_FOURNISSEUR", CadreDepositor.Supplier, CadreCircuit.Works,
            "Dépôt par un fournisseur d'un état d'acompte", "Maîtrise d'ouvrage", ToWorks),
        new("A6", "A6_ETAT_ACOMPTE_VALIDE_FOURNISSEUR", CadreDepositor.Supplier, CadreCircuit.Works,
            "Dépôt par un fournisseur d'un état d'acompte validé", "Service financier", ToWorks),
        new("A7", "A7_PROJET_DECOMPTE_FINAL_FOURNISSEUR", CadreDepositor.Supplier, CadreCircuit.Works,
            "Dépôt par un fournisseur d'un projet de décompte final", "Maîtrise d'œuvre", "La maîtrise d'œuvre établit le projet de décompte général (A17)."),
        new("A8", "A8_DECOMPTE_GENERAL_DEFINITIF_FOURNISSEUR", CadreDepositor.Supplier, CadreCircuit.Works,
            "Dépôt par un fournisseur d'un décompte général et définitif", "Service financier", ToWorks),
        new("A9", "A9_FACTURE_SOUSTRAITANT", CadreDepositor.Subcontractor, CadreCircuit.Validation,
            "Dépôt par un sous-traitant d'une facture", "Structure publique destinataire, après validation du titulaire",
            "Le titulaire valide ou refuse la facture sous 15 jours ; sans réponse, elle est validée tacitement."),
        new("A10", "A10_PROJET_DECOMPTE_MENSUEL_SOUSTRAITANT", CadreDepositor.Subcontractor, CadreCircuit.Works,
            "Dépôt par un sous-traitant d'un projet de décompte mensuel", "Maîtrise d'œuvre, après validation du titulaire", ToWorks),
        new("A11", "A11_PROJET_DECOMPTE_FINAL_SOUSTRAITANT", CadreDepositor.Subcontractor, CadreCircuit.Works,
            "Dépôt par un sous-traitant d'un projet de décompte final", "Maîtrise d'œuvre, après validation du titulaire", ToWorks),
        new("A12", "A12_FACTURE_COTRAITANT", CadreDepositor.CoContractor, CadreCircuit.Validation,
            "Dépôt par un cotraitant d'une facture", "Structure publique destinataire, après validation du mandataire",
            "Le mandataire valide ou refuse la facture sous 15 jours ; sans réponse, elle est validée tacitement."),
        new("A13", "A13_PROJET_DECOMPTE_MENSUEL_COTRAITANT", CadreDepositor.CoContractor, CadreCircuit.Works,
            "Dépôt par un cotraitant d'un projet de décompte mensuel", "Maîtrise d'œuvre, après validation du mandataire", ToWorks),
        new("A14", "A14_PROJET_DECOMPTE_FINAL_COTRAITANT", CadreDepositor.CoContractor, CadreCircuit.Works,
            "Dépôt par un cotraitant d'un projet de décompte final", "Maîtrise d'œuvre, après validation du mandataire", ToWorks),
        new("A15", "A15_ETAT_ACOMPTE_MOE", CadreDepositor.ProjectManager, CadreCircuit.Works,
            "Dépôt par une maîtrise d'œuvre d'un état d'acompte", "Maîtrise d'ouvrage", "La maîtrise d'ouvrage valide l'état d'acompte (A19)."),
        new("A16", "A16_ETAT_ACOMPTE_VALIDE_MOE", CadreDepositor.ProjectManager, CadreCircuit.Works,
            "Dépôt par une maîtrise d'œuvre d'un état d'acompte validé", "Service financier", ToRecipient),
        new("A17", "A17_PROJET_DECOMPTE_GENERAL_MOE", CadreDepositor.ProjectManager, CadreCircuit.Works,
            "Dépôt par une maîtrise d'œuvre d'un projet de décompte général", "Maîtrise d'ouvrage", "La maîtrise d'ouvrage notifie le décompte général (A20) sous 30 jours."),
        new("A18", "A18_DECOMPTE_GENERAL_MOE", CadreDepositor.ProjectManager, CadreCircuit.Works,
            "Dépôt par une maîtrise d'œuvre d'un décompte général", "Maîtrise d'ouvrage", ToWorks),
        new("A19", "A19_ETAT_ACOMPTE_VALIDE_MOA", CadreDepositor.ContractingAuthority, CadreCircuit.Works,
            "Dépôt par une maîtrise d'ouvrage d'un état d'acompte validé", "Service financier", ToRecipient),
        new("A20", "A20_DECOMPTE_GENERAL_MOA", CadreDepositor.ContractingAuthority, CadreCircuit.Works,
            "Dépôt par une maîtrise d'ouvrage d'un décompte général", "Fournisseur (signature)", "Le fournisseur signe le décompte général et définitif (A8) sous 30 jours."),
        new("A21", "A21_DEMANDE_REMBOURSEMENT_TIC", CadreDepositor.RefundBeneficiary, CadreCircuit.Refund,
            "Dépôt par un bénéficiaire d'une demande de remboursement TIC/TICGN", "Douane", "La douane instruit la demande de remboursement."),
        new("A22", "A22_PROJET_DECOMPTE_GENERAL_FOURNISSEUR_PROCEDURE_TACITE", CadreDepositor.Supplier, CadreCircuit.Works,
            "Dépôt par un fournisseur d'un projet de décompte général (procédure tacite)", "Maîtrise d'ouvrage",
            "La maîtrise d'ouvrage notifie le décompte général sous 10 jours ; à défaut, le projet devient le décompte tacite."),
        new("A23", "A23_DECOMPTE_GENERAL_DEFINITIF_TACITE_FOURNISSEUR", CadreDepositor.Supplier, CadreCircuit.Works,
            "Dépôt par un fournisseur d'un décompte général et définitif tacite", "Service financier", ToWorks),
        new("A24", "A24_DECOMPTE_GENERAL_DEFINITIF_TACITE_MOE", CadreDepositor.ProjectManager, CadreCircuit.Works,
            "Dépôt par une maîtrise d'œuvre d'un décompte général et définitif tacite", "Service financier", ToWorks),
        new("A25", "A25_DECOMPTE_GENERAL_DEFINITIF_MOE_PROCEDURE_TACITE", CadreDepositor.ContractingAuthority, CadreCircuit.Works,
            "Dépôt par une maîtrise d'ouvrage d'un décompte général et définitif (procédure tacite)", "Service financier", ToWorks),
    ];

    /// <summary>The cadre of a code (A9) or a name (A9_FACTURE_SOUSTRAITANT), any case; null when it is neither.</summary>
    public static Cadre? Find(string? codeOrName)
    {
        var value = codeOrName?.Trim();
        if (string.IsNullOrEmpty(value))
            return null;
        return All.FirstOrDefault(c => c.Code.Equals(value, StringComparison.OrdinalIgnoreCase) || c.Name.Equals(value, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether a BT-23 value is meant as a Chorus Pro cadre (A followed by digits), as opposed to the reform's S1, B1, M1… codes.</summary>
    public static bool IsCadreCode(string? value) =>
        value is { Length: >= 2 } v && (v[0] is 'A' or 'a') && v.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>
    /// The rule every deposit channel applies: the cadre exists, its circuit is open on the invoice channels, the depositor may
    /// use it, and a validator is named exactly when the cadre needs one. Returns the cadre (A1 when none is given).
    /// </summary>
    public static Cadre CheckDeposit(string? codeOrName, bool depositorIsPublic, bool validatorNamed)
    {
        var given = codeOrName?.Trim();
        var cadre = string.IsNullOrEmpty(given) ? All[0] : Find(given)
            ?? throw new PortiqueException("CADRE_UNKNOWN", $"Le cadre de facturation « {given} » n'existe pas : les cadres vont de A1 à A25.") { Field = "cadre" };
        if (cadre.PublicDepositorOnly && !depositorIsPublic)
            throw new PortiqueException("CADRE_NOT_ALLOWED",
                $"Le cadre {cadre.Name} est déposé par une maîtrise d'ouvrage, qui est une structure publique : cette structure ne peut pas l'utiliser.");
        switch (cadre.Circuit)
        {
            case CadreCircuit.Refund:
                throw new PortiqueException("CADRE_OTHER_CHANNEL",
                    $"Le cadre {cadre.Name} ne se dépose pas comme une facture : déposez la demande depuis « Demandes de remboursement TIC ».") { Field = "cadre" };
            case CadreCircuit.Works:
                throw new PortiqueException("CADRE_WORKS_NOT_OPEN",
                    $"Le cadre {cadre.Name} relève du circuit des factures de travaux (dossier de facturation), qui n'est pas encore ouvert sur Portique.") { Field = "cadre" };
            case CadreCircuit.JusticeClaim:
                throw new PortiqueException("CADRE_JUSTICE_NOT_OPEN",
                    $"Le cadre {cadre.Name} (mémoire de frais de justice) n'est pas encore ouvert sur Portique.") { Field = "cadre" };
        }
        if (cadre.NeedsValidator && !validatorNamed)
            throw new PortiqueException("CADRE_VALIDATOR_REQUIRED",
                $"Le cadre {cadre.Name} exige la structure valideur ({(cadre.Depositor == CadreDepositor.Subcontractor ? "le titulaire du marché" : "le mandataire")}).") { Field = "codeStructureValideur" };
        if (!cadre.NeedsValidator && validatorNamed)
            throw new PortiqueException("CADRE_VALIDATOR_UNEXPECTED",
                $"Seules les factures de sous-traitance (A9) et de cotraitance (A12) nomment une structure valideur, pas le cadre {cadre.Name}.") { Field = "codeStructureValideur" };
        return cadre;
    }
}
