using Portique.Common;
using Portique.Formats;

namespace Portique.Invoicing.Deposit;

/// <summary>
/// The syntax of a flow read from its content, so that a person depositing a file does not have to know it: a PDF is a
/// Factur-X, an XML names UBL or CII by its root element, an archive takes the syntax its invoices share.
/// </summary>
public static class FlowSyntaxDetection
{
    public static FlowSyntax Detect(string fileName, byte[] content)
    {
        if (content.Length == 0)
            throw new PortiqueException("FLOW_EMPTY", "Le fichier déposé est vide.");
        IReadOnlyList<FlowDocuments.Document> documents;
        try
        {
            documents = FlowDocuments.Split(fileName, content);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException)
        {
            throw new PortiqueException("FLOW_ARCHIVE_UNREADABLE", "L'archive ne peut pas être lue (fichier zip ou tar.gz endommagé) : recréez-la et déposez-la de nouveau.");
        }
        var syntaxes = documents.Select(d => Of(InvoiceEngine.Sniff(d.Content))).Distinct().ToList();
        if (syntaxes.Count == 0)
            throw new PortiqueException("FLOW_EMPTY", "L'archive déposée ne contient aucun fichier.");
        if (syntaxes.Contains(null))
            throw new PortiqueException("FLOW_SYNTAX_UNKNOWN",
                "Le fichier n'est ni une facture UBL, CII ou Factur-X, ni une archive de telles factures : vérifiez le fichier, ou choisissez sa syntaxe dans la liste.");
        if (syntaxes.Count > 1)
            throw new PortiqueException("FLOW_SYNTAX_MIXED", "L'archive mélange plusieurs syntaxes de factures : déposez une archive par syntaxe.");
        return syntaxes[0]!.Value;
    }

    private static FlowSyntax? Of(SourceKind? kind) => kind switch
    {
        SourceKind.UblInvoice or SourceKind.UblCreditNote => FlowSyntax.IN_DP_E1_UBL_INVOICE,
        SourceKind.Cii => FlowSyntax.IN_DP_E1_CII_16B,
        SourceKind.FacturX => FlowSyntax.IN_DP_E2_CII_FACTURX,
        _ => null,
    };
}
