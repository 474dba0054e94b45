using System.Text;
using System.Xml;

namespace Portique.Formats.Cdar;

/// <summary>
/// Writes a <see cref="CdarMessage"/> as CDAR D22B: UTF-8, indented, elements in the schema's order, values exactly as held
/// (the reader keeps them as written, so read → write → read gives the same model).
/// </summary>
public static class CdarWriter
{
    public static byte[] Write(CdarMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  " };
        using (var w = XmlWriter.Create(buffer, settings))
        {
            new Out(w).Message(message);
        }
        return buffer.ToArray();
    }

    private sealed class Out(XmlWriter w)
    {
        public void Message(CdarMessage m)
        {
            w.WriteStartDocument();
            w.WriteStartElement("rsm", "CrossDomainAcknowledgementAndResponse", CdarReader.RsmNamespace);
            w.WriteAttributeString("xmlns", "qdt", null, CdarReader.QdtNamespace);
            w.WriteAttributeString("xmlns", "udt", null, CdarReader.UdtNamespace);
            w.WriteAttributeString("xmlns", "ram", null, CdarReader.RamNamespace);
            if (m.Context is { } context)
            {
                Start("rsm", "ExchangedDocumentContext");
                Indicator("TestIndicator", context.Test);
                Parameter("BusinessProcessSpecifiedDocumentContextParameter", context.BusinessProcess);
                Parameter("GuidelineSpecifiedDocumentContextParameter", context.Guideline);
                w.WriteEndElement();
            }
            Start("rsm", "ExchangedDocument");
            Leaf("ID", m.Id);
            Leaf("Name", m.Name);
            DateTime("IssueDateTime", m.IssueDateTime);
            Party("SenderTradeParty", m.Sender);
            Party("IssuerTradeParty", m.Issuer);
            foreach (var recipient in m.Recipients)
                Party("RecipientTradeParty", recipient);
            w.WriteEndElement();
            foreach (var a in m.Acknowledgements)
                Acknowledgement(a);
            w.WriteEndElement();
            w.WriteEndDocument();
        }

        private void Acknowledgement(CdarAcknowledgement a)
        {
            Start("rsm", "AcknowledgementDocument");
            Indicator("MultipleReferencesIndicator", a.MultipleReferences);
            Leaf("TypeCode", a.TypeCode);
            DateTime("IssueDateTime", a.IssueDateTime);
            foreach (var r in a.Documents)
                Referenced(r);
            w.WriteEndElement();
        }

        private void Referenced(CdarReferencedDocument r)
        {
            Start("ram", "ReferenceReferencedDocument");
            Leaf("IssuerAssignedID", r.IssuerAssignedId);
            Leaf("StatusCode", r.StatusCode);
            Leaf("TypeCode", r.TypeCode);
            DateTime("ReceiptDateTime", r.ReceiptDateTime);
            Leaf("ReferenceTypeCode", r.ReferenceTypeCode);
            DateTime("FormattedIssueDateTime", r.FormattedIssueDateTime, qualified: true);
            Leaf("ProcessConditionCode", r.ProcessConditionCode);
            Leaves("ProcessCondition", r.ProcessCondition);
            Party("IssuerTradeParty", r.Issuer);
            foreach (var recipient in r.Recipients)
                Party("RecipientTradeParty", recipient);
            foreach (var s in r.Statuses)
                Status(s);
            w.WriteEndElement();
        }

        private void Status(CdarDocumentStatus s)
        {
            Start("ram", "SpecifiedDocumentStatus");
            Leaf("ReasonCode", s.ReasonCode);
            Leaves("Reason", s.Reason);
            Leaf("ProcessConditionCode", s.ProcessConditionCode);
            Leaves("ProcessCondition", s.ProcessCondition);
            Leaf("RequestedActionCode", s.RequestedActionCode);
            Leaves("RequestedAction", s.RequestedAction);
            Leaf("SequenceNumeric", s.SequenceNumeric);
            foreach (var n in s.Notes)
            {
                Start("ram", "IncludedNote");
                Leaf("ContentCode", n.ContentCode);
                Leaves("Content", n.Content);
                Leaf("SubjectCode", n.SubjectCode);
                w.WriteEndElement();
            }
            foreach (var ch in s.Characteristics)
            {
                Start("ram", "SpecifiedDocumentCharacteristic");
                Leaf("ID", ch.Id);
                Leaf("TypeCode", ch.TypeCode);
                Indicator("ValueChangedIndicator", ch.ValueChanged);
                Leaves("Name", ch.Name);
                Leaf("Location", ch.Location);
                if (ch.ValueAmount is { } amount)
                {
                    Start("ram", "ValueAmount");
                    if (amount.CurrencyId is not null)
                        w.WriteAttributeString("currencyID", amount.CurrencyId);
                    w.WriteString(amount.Value);
                    w.WriteEndElement();
                }
                DateTime("ValueDateTime", ch.ValueDateTime);
                Leaf("ValuePercent", ch.ValuePercent);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }

        private void Party(string name, CdarParty? p)
        {
            if (p is null)
                return;
            Start("ram", name);
            foreach (var id in p.GlobalIds)
                Id("GlobalID", id);
            Leaf("Name", p.Name);
            Leaf("RoleCode", p.RoleCode);
            if (p.ElectronicAddress is { } address)
            {
                Start("ram", "URIUniversalCommunication");
                Id("URIID", address);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }

        private void Id(string name, CdarId id)
        {
            Start("ram", name);
            if (id.SchemeId is not null)
                w.WriteAttributeString("schemeID", id.SchemeId);
            w.WriteString(id.Value);
            w.WriteEndElement();
        }

        private void Parameter(string name, string? id)
        {
            if (id is null)
                return;
            Start("ram", name);
            Leaf("ID", id);
            w.WriteEndElement();
        }

        private void DateTime(string name, CdarDateTime? value, bool qualified = false)
        {
            if (value is null)
                return;
            Start("ram", name);
            if (value.IsString)
            {
                w.WriteStartElement(qualified ? "qdt" : "udt", "DateTimeString", qualified ? CdarReader.QdtNamespace : CdarReader.UdtNamespace);
                if (value.Format is not null)
                    w.WriteAttributeString("format", value.Format);
                w.WriteString(value.Value);
                w.WriteEndElement();
            }
            else
            {
                w.WriteElementString("udt", "DateTime", CdarReader.UdtNamespace, value.Value);
            }
            w.WriteEndElement();
        }

        private void Indicator(string name, CdarIndicator? value)
        {
            if (value is null)
                return;
            Start("ram", name);
            w.WriteElementString("udt", value.IsString ? "IndicatorString" : "Indicator", CdarReader.UdtNamespace, value.Value);
            w.WriteEndElement();
        }

        private void Leaves(string name, List<string> values)
        {
            foreach (var value in values)
                Leaf(name, value);
        }

        private void Leaf(string name, string? value)
        {
            if (value is not null)
                w.WriteElementString("ram", name, CdarReader.RamNamespace, value);
        }

        private void Start(string prefix, string name) =>
            w.WriteStartElement(prefix, name, prefix == "rsm" ? CdarReader.RsmNamespace : CdarReader.RamNamespace);
    }
}
