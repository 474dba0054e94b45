using Portique.Common;
using Portique.Formats.Model;
using Model = Portique.Formats.Model;

namespace Portique.Invoicing.Cadres;

/// <summary>
/// The validator structure of an A9/A12 invoice (the main contractor or the mandataire, and optionally its service), as the
/// invoice itself carries it so that every channel (flow, entry, PDF deposit, soumettre) reaches the deposit with it: a
/// supporting document (BG-24) whose reference (BT-122) is "VALIDEUR" and whose description (BT-123) is the structure's
/// identifier, followed by "/" and the service code when there is one. EN 16931 has no validator party; see
/// docs/decisions/0026-validator-in-bg24.md.
/// </summary>
public sealed record ValidatorReference(string StructureIdentifier, string? ServiceCode)
{
    public const string Reference = "VALIDEUR";

    /// <summary>The validator the model names; null when none; an error when the reference is there but empty.</summary>
    public static ValidatorReference? Read(Model.Invoice model)
    {
        var document = model.SupportingDocuments.FirstOrDefault(d => string.Equals(d.Reference?.Trim(), Reference, StringComparison.OrdinalIgnoreCase));
        if (document is null)
            return null;
        var text = document.Description?.Trim() ?? "";
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var identifier = (slash < 0 ? text : text[..slash]).Replace(" ", "", StringComparison.Ordinal);
        var service = slash < 0 ? null : text[(slash + 1)..].Trim();
        if (identifier.Length == 0)
            throw new PortiqueException("VALIDATOR_REQUIRED", "La référence VALIDEUR (BG-24) ne donne pas l'identifiant de la structure valideur.");
        return new ValidatorReference(Common.Validation.Required(identifier, "codeStructureValideur", 80), Common.Validation.MaxLength(service, "codeServiceValideur", 100));
    }

    /// <summary>Adds the reference to a model the portal writes (entry, soumettre).</summary>
    public void WriteTo(Model.Invoice model) =>
        model.SupportingDocuments.Insert(0, new SupportingDocument
        {
            Reference = Reference,
            Description = ServiceCode is null ? StructureIdentifier : $"{StructureIdentifier}/{ServiceCode}",
        });
}
