using System.Xml;
using System.Xml.Schema;
using Portique.Formats.Xml;

namespace Portique.Formats.Cdar;

/// <summary>What reading a lifecycle message gave: the model (null when unreadable) and the findings of the XML and XSD layers.</summary>
public sealed record CdarReadResult(CdarMessage? Message, IReadOnlyList<Finding> Findings);

/// <summary>
/// Reads a CDAR D22B lifecycle message into <see cref="CdarMessage"/>, validating it against the embedded XSD in the same pass.
/// Untrusted input: no DTD, no external entity, size and depth bounds (<see cref="FormatLimits"/>); never throws on bad input.
/// Elements the model does not hold are reported as warnings (<see cref="Unmodelled"/>), so that a writer's output is never
/// silently poorer than its input.
/// </summary>
public static class CdarReader
{
    public const string RsmNamespace = "urn:un:unece:uncefact:data:standard:CrossDomainAcknowledgementAndResponse:100";
    public const string RamNamespace = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    public const string QdtNamespace = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100";
    public const string UdtNamespace = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";

    /// <summary>Rule id of the warning for an element the model does not hold (it would not survive a rewrite).</summary>
    public const string Unmodelled = "CDAR-MODEL-01";

    private const string EntryPoint = "cdar-d22b/CrossDomainAcknowledgementAndResponse_100pD22B.xsd";
    private const int MaxSchemaFindings = 50;
    private const int MaxUnmodelledFindings = 20;

    /// <summary>The compiled CDAR D22B schema set (embedded copies, Schemas/NOTICE.md), compiled once.</summary>
    public static XmlSchemaSet Schemas() => SchemaFiles.Compile(null, EntryPoint);

    public static CdarReadResult Read(ReadOnlyMemory<byte> xml, FormatLimits? limits = null, bool validateSchema = true)
    {
        limits ??= FormatLimits.Default;
        var findings = new List<Finding>();
        if (xml.Length > limits.MaxXmlBytes)
        {
            findings.Add(Fatal("/", $"le message fait {xml.Length} octets, au-delà de la limite de {limits.MaxXmlBytes}"));
            return new CdarReadResult(null, findings);
        }
        if (xml.IsEmpty)
        {
            findings.Add(Fatal("/", "le message est vide"));
            return new CdarReadResult(null, findings);
        }

        var settings = SecureXml.Settings();
        XmlCursor? cursor = null;
        var schemaErrors = 0;
        if (validateSchema)
        {
            try
            {
                settings.CheckAgainst(Schemas(), (reader, e) =>
                {
                    if (++schemaErrors <= MaxSchemaFindings)
                        findings.Add(new Finding("XSD", Severity.Fatal, cursor is not null && reader is not null ? cursor.PathOf(reader) : "/", null, e.Message));
                });
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Fail closed: without its schema the message cannot be declared schema-valid.
                findings.Add(new Finding("XSD", Severity.Fatal, "/", null, "schéma CDAR indisponible : " + ex.Message));
                settings.ValidationType = ValidationType.None;
            }
        }

        CdarMessage? message = null;
        try
        {
            using var reader = XmlReader.Create(InvoiceXml.AsStream(xml), settings);
            cursor = new XmlCursor(reader, limits.MaxDepth, findings);
            if (!cursor.MoveToRoot())
            {
                findings.Add(Fatal("/", "le document n'a pas d'élément racine"));
                return new CdarReadResult(null, findings);
            }
            if (cursor.LocalName != "CrossDomainAcknowledgementAndResponse" || cursor.NamespaceUri != RsmNamespace)
            {
                findings.Add(Fatal("/" + reader.Name,
                    $"l'élément racine {{{cursor.NamespaceUri}}}{cursor.LocalName} n'est pas un message CrossDomainAcknowledgementAndResponse (CDAR D22B)"));
                return new CdarReadResult(null, findings);
            }
            message = new Walker(cursor, findings).Message();
            // Read to the end so that trailing garbage and late schema errors are reported too.
            while (reader.Read())
            {
            }
        }
        catch (XmlException ex)
        {
            findings.Add(Fatal(cursor?.Path() ?? "/", $"XML mal formé (ligne {ex.LineNumber}, position {ex.LinePosition}) : {ex.Message}"));
            message = null;
        }
        catch (XmlDepthException ex)
        {
            findings.Add(Fatal(cursor?.Path() ?? "/", $"éléments imbriqués sur {ex.Depth} niveaux, au-delà de la limite de {limits.MaxDepth}"));
            message = null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            findings.Add(Fatal(cursor?.Path() ?? "/", "le message n'a pas pu être lu : " + ex.Message));
            message = null;
        }
        if (schemaErrors > MaxSchemaFindings)
            findings.Add(new Finding("XSD", Severity.Fatal, "/", null, $"{schemaErrors - MaxSchemaFindings} autres erreurs de schéma non listées"));
        return new CdarReadResult(message, findings);
    }

    private static Finding Fatal(string location, string message) => new("XML", Severity.Fatal, location, null, message);

    /// <summary>One pass over the message; each method consumes the element the cursor is on.</summary>
    private sealed class Walker(XmlCursor c, List<Finding> findings)
    {
        private int _unmodelled;

        public CdarMessage Message()
        {
            var m = new CdarMessage { ExchangedDocumentAbsent = true };
            var d = c.Enter();
            while (c.NextChild(d))
            {
                switch (c.LocalName)
                {
                    case "ExchangedDocumentContext": m.Context = Context(); break;
                    case "ExchangedDocument": ExchangedDocument(m); break;
                    case "AcknowledgementDocument": m.Acknowledgements.Add(Acknowledgement()); break;
                    default: Skip(); break;
                }
            }
            return m;
        }

        private CdarContext Context()
        {
            var context = new CdarContext();
            var d = c.Enter();
            while (c.NextChild(d))
            {
                switch (c.LocalName)
                {
                    case "TestIndicator": context.Test = Indicator(); break;
                    case "BusinessProcessSpecifiedDocumentContextParameter": context.BusinessProcess = ChildText("ID"); break;
                    case "GuidelineSpecifiedDocumentContextParameter": context.Guideline = ChildText("ID"); break;
                    default: Skip(); break;
                }
            }
            return context;
        }

        private void ExchangedDocument(CdarMessage m)
        {
            m.ExchangedDocumentAbsent = false;
            var d = c.Enter();
            while (c.NextChild(d))
            {
                switch (c.LocalName)
                {
                    case "ID": m.Id = Text(); break;
                    case "Name": m.Name = Text(); break;
                    case "IssueDateTime": m.IssueDateTime = DateTime(); break;
                    case "SenderTradeParty": m.Sender = Party(); break;
                    case "IssuerTradeParty": m.Issuer = Party(); break;
                    case "RecipientTradeParty": m.Recipients.Add(Party()); break;
                    default: Skip(); break;
                }
            }
        }

        private CdarAcknowledgement Acknowledgement()
        {
            var a = new CdarAcknowledgement();
            var d = c.Enter();
            while (c.NextChild(d))
            {
                switch (c.LocalName)
                {
                    case "MultipleReferencesIndicator": a.MultipleReferences = Indicator(); break;
                    case "TypeCode": a.TypeCode = Text(); break;
                    case "IssueDateTime": a.IssueDateTime = DateTime(); break;
                    case "ReferenceReferencedDocument": a.Documents.Add(Referenced()); break;
                    default: Skip(); break;
                }
            }
            return a;
        }

        private CdarReferencedDocument Referenced()
        {
            var r = new CdarReferencedDocument();
            var d = c.Enter();
            while (c.NextChild(d))
            {
                switch (c.LocalName)
                {
                    case "IssuerAssignedID": r.IssuerAssignedId = Text(); break;
                    case "StatusCode": r.StatusCode = Text(); break;
                    case "TypeCode": r.TypeCode = Text(); break;
                    case "ReceiptDateTime": r.ReceiptDateTime = DateTime(); break;
                    case "ReferenceTypeCode": r.ReferenceTypeCode = Text(); break;
                    case "FormattedIssueDateTime": r.FormattedIssueDateTime = DateTime(); break;
                    case "ProcessConditionCode": r.ProcessConditionCode = Text(); break;
                    case "ProcessCondition": r.ProcessCondition.Add(Text()); break;
                    case "IssuerTradeParty": r.Issuer = Party(); break;
                    case "RecipientTradeParty": r.Recipients.Add(Party()); break;
                    case "SpecifiedDocumentStatus": r.Statuses.Add(Status()); break;
                    default: Skip(); break;
                }
            }
            return r;
        }

        private CdarDocumentStatus Status()
        {
            var s = new CdarDocumentStatus();
            var d = c.Enter();
            while (c.NextChild(d))
            {
                switch (c.LocalName)
                {
                    case "ReasonCode": s.ReasonCode = Text(); break;
                    case "Reason": s.Reason.Add(Text()); break;
                    case "ProcessConditionCode": s.ProcessConditionCode = Text(); break;
                    case "ProcessCondition": s.ProcessCondition.Add(Text()); break;
                    case "RequestedActionCode": s.RequestedActionCode = Text(); break;
                    case "RequestedAction": s.RequestedAction.Add(Text()); break;
                    case "SequenceNumeric": s.SequenceNumeric = Text(); break;
                    case "IncludedNote": s.Notes.Add(Note()); break;
                    case "SpecifiedDocumentCharacteristic": s.Characteristics.Add(Characteristic()); break;
                    default: Skip(); break;
                }
            }
            return s;
        }

        private CdarCharacteristic Characteristic()
        {
            var ch = new CdarCharacteristic();
            var d = c.Enter();
            while (c.NextChild(d))
            {
                switch (c.LocalName)
                {
                    case "ID": ch.Id = Text(); break;
                    case "TypeCode": ch.TypeCode = Text(); break;
                    case "ValueChangedIndicator": ch.ValueChanged = Indicator(); break;
                    case "Name": ch.Name.Add(Text()); break;
                    case "Location": ch.Location = Text(); break;
                    case "ValueAmount":
                        var currency = c.Attribute("currencyID");
                        ch.ValueAmount = new CdarAmount(Text(), currency);
                        break;
                    case "ValueDateTime": ch.ValueDateTime = DateTime(); break;
                    case "ValuePercent": ch.ValuePercent = Text(); break;
                    default: Skip(); break;
                }
            }
            return ch;
        }

        private CdarNote Note()
        {
            var n = new CdarNote();
            var d = c.Enter();
            while (c.NextChild(d))
            {
                switch (c.LocalName)
                {
                    case "ContentCode": n.ContentCode = Text(); break;
                    case "Content": n.Content.Add(Text()); break;
                    case "SubjectCode": n.SubjectCode = Text(); break;
                    default: Skip(); break;
                }
            }
            return n;
        }

        private CdarParty Party()
        {
            var p = new CdarParty();
            var d = c.Enter();
            while (c.NextChild(d))
            {
                switch (c.LocalName)
                {
                    case "GlobalID": p.GlobalIds.Add(Id()); break;
                    case "Name": p.Name = Text(); break;
                    case "RoleCode": p.RoleCode = Text(); break;
                    case "URIUniversalCommunication":
                        var u = c.Enter();
                        while (c.NextChild(u))
                        {
                            if (c.LocalName == "URIID")
                                p.ElectronicAddress = Id();
                            else
                                Skip();
                        }
                        break;
                    default: Skip(); break;
                }
            }
            return p;
        }

        private CdarId Id()
        {
            var scheme = c.Attribute("schemeID");
            return new CdarId(Text(), scheme);
        }

        /// <summary>udt:DateTimeString / qdt:DateTimeString with its format, or udt:DateTime.</summary>
        private CdarDateTime DateTime()
        {
            CdarDateTime? value = null;
            var d = c.Enter();
            while (c.NextChild(d))
            {
                switch (c.LocalName)
                {
                    case "DateTimeString":
                        var format = c.Attribute("format");
                        value = new CdarDateTime(Text(), format);
                        break;
                    case "DateTime": value = new CdarDateTime(Text(), null, IsString: false); break;
                    default: Skip(); break;
                }
            }
            // Present but empty is still present (BR-FR-CDV-11 tests the element, not its value).
            return value ?? new CdarDateTime("", null);
        }

        private CdarIndicator Indicator()
        {
            CdarIndicator? value = null;
            var d = c.Enter();
            while (c.NextChild(d))
            {
                switch (c.LocalName)
                {
                    case "Indicator": value = new CdarIndicator(Text()); break;
                    case "IndicatorString": value = new CdarIndicator(Text(), IsString: true); break;
                    default: Skip(); break;
                }
            }
            return value ?? new CdarIndicator("");
        }

        private string? ChildText(string name)
        {
            string? value = null;
            var d = c.Enter();
            while (c.NextChild(d))
            {
                if (c.LocalName == name)
                    value = Text();
                else
                    Skip();
            }
            return value;
        }

        /// <summary>The element's text as written; an empty element is present with an empty value, as XPath sees it.</summary>
        private string Text() => c.Text() ?? "";

        private void Skip()
        {
            if (++_unmodelled <= MaxUnmodelledFindings)
            {
                findings.Add(new Finding(Unmodelled, Severity.Warning, c.Path(), null,
                    $"l'élément {c.Reader.Name} n'est pas repris par le modèle du message de cycle de vie : il est validé par le schéma mais ne serait pas réécrit."));
            }
            c.Skip();
        }
    }
}
