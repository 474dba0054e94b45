using System.Xml.Linq;
using Portique.Formats.Cdar;

namespace Portique.Formats.Tests.Cdar;

/// <summary>
/// Each BR-FR-CDV rule fires on a message broken for it, and the native rules report exactly what the published FNFE-MPE rule
/// set reports (run by the schematron interpreter) on those messages and on thousands of random mutations of the examples.
/// </summary>
public sealed class CdarRulesTests
{
    private static readonly XNamespace Rsm = CdarReader.RsmNamespace;
    private static readonly XNamespace Ram = CdarReader.RamNamespace;

    private const string Collected = "cdar/examples/afnor-annexB-v1.4/UC1_F202500003_07-CDV-212_Encaissee.xml";
    private const string Deposited = "cdar/examples/afnor-annexB-v1.4/UC1_F202500003_01-CDV-200_Deposee.xml";
    private const string Disputed = "cdar/examples/afnor-annexB-v1.4/UC4_F202500006_04-CDV-207_En_litige.xml";

    private static XElement Doc(XDocument d) => d.Root!.Element(Rsm + "ExchangedDocument")!;
    private static XElement Ref(XDocument d) => d.Root!.Element(Rsm + "AcknowledgementDocument")!.Element(Ram + "ReferenceReferencedDocument")!;
    private static XElement Status(XDocument d) => Ref(d).Element(Ram + "SpecifiedDocumentStatus")!;

    private static void Set(XElement parent, string name, string value) => parent.Element(Ram + name)!.Value = value;

    /// <summary>A broken message per rule: (rule expected among the fatal findings, base example, mutation).</summary>
    private static readonly Dictionary<string, (string Rule, string Base, Action<XDocument> Break)> Cases = new()
    {
        ["type-code"] = ("BR-FR-04_MDT-91", Collected, d => Set(Ref(d), "TypeCode", "325")),
        ["profile"] = ("BR-FR-CDV-02_MDT-3", Collected, d => d.Root!.Descendants(Ram + "GuidelineSpecifiedDocumentContextParameter").Single().Element(Ram + "ID")!.Value = "urn:autre"),
        ["profile-ppf-with-partner"] = ("BR-FR-CDV-02_MDT-3", Collected, d => d.Root!.Descendants(Ram + "GuidelineSpecifiedDocumentContextParameter").Single().Element(Ram + "ID")!.Value = CdarCodes.GuidelinePpf),
        ["message-id"] = ("BR-FR-CDV-03_MDT-4", Collected, d => Doc(d).Element(Ram + "ID")!.Remove()),
        ["issuer-id"] = ("BR-FR-CDV-07_MDT-38_yes", Collected, d => Doc(d).Element(Ram + "IssuerTradeParty")!.Element(Ram + "GlobalID")!.Remove()),
        ["recipient-address"] = ("BR-FR-CDV-08_MDT-73", Collected, d => Doc(d).Element(Ram + "RecipientTradeParty")!.Element(Ram + "URIUniversalCommunication")!.Remove()),
        ["phase"] = ("BR-FR-CDV-09_MDT-77", Collected, d => d.Root!.Element(Rsm + "AcknowledgementDocument")!.Element(Ram + "TypeCode")!.Value = "24"),
        ["invoice-date"] = ("BR-FR-CDV-11_MDG-35", Collected, d => Ref(d).Element(Ram + "FormattedIssueDateTime")!.Remove()),
        ["status-code"] = ("BR-FR-CDV-12_MDT-105", Collected, d => Ref(d).Element(Ram + "ProcessConditionCode")!.Remove()),
        ["seller-id"] = ("BR-FR-CDV-13_MDT-129", Collected, d => Ref(d).Element(Ram + "IssuerTradeParty")!.Element(Ram + "GlobalID")!.Remove()),
        ["212-without-rate"] = ("BR-FR-CDV-14_MDT-207", Collected, d => Status(d).Descendants(Ram + "ValuePercent").Single().Remove()),
        ["212-without-amount"] = ("BR-FR-CDV-14_MDT-207", Collected, d => Status(d).Descendants(Ram + "ValueAmount").Single().Remove()),
        ["212-without-men"] = ("BR-FR-CDV-14_MDT-207", Collected, d => Status(d).Descendants(Ram + "TypeCode").Single().Value = "MPA"),
        ["207-without-reason"] = ("BR-FR-CDV-15_MDT-113", Disputed, d => Status(d).Element(Ram + "ReasonCode")!.Remove()),
        ["sequence"] = ("BR-FR-CDV-16_MDT-124-2", Collected, d => Status(d).Element(Ram + "SequenceNumeric")!.Remove()),
        ["frame"] = ("BR-FR-CDV-CL-01_MDT-2", Collected, d => d.Root!.Descendants(Ram + "BusinessProcessSpecifiedDocumentContextParameter").Single().Element(Ram + "ID")!.Value = "B2G"),
        ["sender-305"] = ("BR-FR-CDV-CL-02_MDT-21_305", Deposited, d => Set(Doc(d).Element(Ram + "SenderTradeParty")!, "RoleCode", "SE")),
        ["sender-23"] = ("BR-FR-CDV-CL-02_MDT-21_23", Collected, d => Set(Doc(d).Element(Ram + "SenderTradeParty")!, "RoleCode", "DFH")),
        ["issuer-305"] = ("BR-FR-CDV-CL-03_MDT-40_305", Deposited, d => Set(Doc(d).Element(Ram + "IssuerTradeParty")!, "RoleCode", "BY")),
        ["issuer-23"] = ("BR-FR-CDV-CL-03_MDT-40_23", Collected, d => Set(Doc(d).Element(Ram + "IssuerTradeParty")!, "RoleCode", "WK")),
        ["recipient-role"] = ("BR-FR-CDV-CL-04_MDT-59", Collected, d => Set(Doc(d).Element(Ram + "RecipientTradeParty")!, "RoleCode", "CN")),
        ["phase-code-305"] = ("BR-FR-CDV-CL-05_MDT-88_305", Deposited, d => Set(Ref(d), "StatusCode", "45")),
        ["phase-code-23"] = ("BR-FR-CDV-CL-05_MDT-88_23", Collected, d => Set(Ref(d), "StatusCode", "10")),
        ["seller-role"] = ("BR-FR-CDV-CL-07_MDT-132", Collected, d => Ref(d).Element(Ram + "IssuerTradeParty")!.Add(new XElement(Ram + "RoleCode", "BY"))),
        ["document-recipient-role"] = ("BR-FR-CDV-CL-08_MDT-158", Collected, d => Ref(d).Element(Ram + "IssuerTradeParty")!.AddAfterSelf(new XElement(Ram + "RecipientTradeParty", new XElement(Ram + "RoleCode", "CN")))),
        ["reason"] = ("BR-FR-CDV-CL-09_MDT-113", Disputed, d => Set(Status(d), "ReasonCode", "PAS_CONTENT")),
        ["reason-207"] = ("BR-FR-CDV-CL-09_MDT-113_207", Disputed, d => Set(Status(d), "ReasonCode", "NON_TRANSMISE")),
        ["reason-200"] = ("BR-FR-CDV-CL-09_MDT-113_200", Deposited, d => Ref(d).Add(new XElement(Ram + "SpecifiedDocumentStatus", new XElement(Ram + "ReasonCode", "DOUBLON"), new XElement(Ram + "SequenceNumeric", "1")))),
        ["reason-213"] = ("BR-FR-CDV-CL-09_MDT-113_213", Disputed, d => { Set(Ref(d), "ProcessConditionCode", "213"); Set(Status(d), "ReasonCode", "JUSTIF_ABS"); }),
        ["reason-210"] = ("BR-FR-CDV-CL-09_MDT-113_210", Disputed, d => { Set(Ref(d), "ProcessConditionCode", "210"); Set(Status(d), "ReasonCode", "JUSTIF_ABS"); }),
        ["reason-210-b2g"] = ("BR-FR-CDV-CL-09_MDT-113_210B2G", Disputed, d =>
        {
            Set(Ref(d), "ProcessConditionCode", "210");
            Set(Status(d), "ReasonCode", "JUSTIF_ABS");
            Doc(d).Element(Ram + "SenderTradeParty")!.AddFirst(new XElement(Ram + "GlobalID", new XAttribute("schemeID", "0238"), "9999"));
        }),
        ["reason-206"] = ("BR-FR-CDV-CL-09_MDT-113_206", Disputed, d => { Set(Ref(d), "ProcessConditionCode", "206"); Set(Status(d), "ReasonCode", "TX_TVA_ERR"); }),
        ["reason-208"] = ("BR-FR-CDV-CL-09_MDT-113_208", Disputed, d => { Set(Ref(d), "ProcessConditionCode", "208"); Set(Status(d), "ReasonCode", "AUTRE"); }),
        ["reason-221"] = ("BR-FR-CDV-CL-09_MDT-113_221", Disputed, d => { Set(Ref(d), "ProcessConditionCode", "221"); Set(Status(d), "ReasonCode", "AUTRE"); }),
        ["reason-501"] = ("BR-FR-CDV-CL-09_MDT-113_501", Disputed, d => { Set(Ref(d), "ProcessConditionCode", "501"); Set(Status(d), "ReasonCode", "AUTRE"); }),
        ["reason-of-the-detail-status"] = ("BR-FR-CDV-CL-09_MDT-113_213", Disputed, d => Status(d).Element(Ram + "ReasonCode")!.AddAfterSelf(new XElement(Ram + "ProcessConditionCode", "213"))),
        ["action"] = ("BR-FR-CDV-CL-10_MDT-121", Disputed, d => Set(Status(d), "RequestedActionCode", "PAY")),
        ["characteristic"] = ("BR-FR-CDV-CL-11_MDT-207", Disputed, d => Status(d).Descendants(Ram + "TypeCode").First().Value = "TVA"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void The_rule_fires_and_the_native_rules_report_what_the_published_set_reports(string name)
    {
        var (rule, source, mutate) = Cases[name];
        var document = XDocument.Load(TestData.PathOf("b2b/" + source));
        mutate(document);
        var xml = System.Text.Encoding.UTF8.GetBytes(document.ToString(SaveOptions.DisableFormatting));

        var native = NativeFatalRules(xml);

        Assert.Contains(rule, native);
        Assert.Equal(CdarTestData.PublishedFatalRules(xml), native);
        Assert.False(CdarEngine.Validate(xml).IsValid);
    }

    [Fact]
    public void A_refusal_sent_by_chorus_pro_is_judged_by_the_b2g_list_only()
    {
        var document = XDocument.Load(TestData.PathOf("b2b/" + Disputed));
        Set(Ref(document), "ProcessConditionCode", "210");
        Set(Ref(document), "StatusCode", "50");
        Set(Status(document), "ReasonCode", "LIVR_INCOMP");
        Doc(document).Element(Ram + "SenderTradeParty")!.AddFirst(new XElement(Ram + "GlobalID", new XAttribute("schemeID", "0238"), "9999"));
        var xml = System.Text.Encoding.UTF8.GetBytes(document.ToString());

        Assert.Empty(NativeFatalRules(xml));
        Assert.Empty(CdarTestData.PublishedFatalRules(xml));
        Assert.True(CdarEngine.Validate(xml).IsValid);
    }

    [Fact]
    public void An_unlisted_status_is_a_warning_only_as_in_the_published_set()
    {
        var document = XDocument.Load(TestData.PathOf("b2b/" + Deposited));
        Set(Ref(document), "ProcessConditionCode", "299");
        var xml = System.Text.Encoding.UTF8.GetBytes(document.ToString());

        var report = CdarEngine.Validate(xml);

        Assert.True(report.IsValid);
        Assert.Equal(["BR-FR-CDV-CL-06_MDT-105"], CdarTestData.WarningRules(report.Findings));
        var published = new List<Finding>();
        CdarTestData.PublishedRules.Run(Portique.Formats.Schematron.XmlTree.Parse(xml), published);
        Assert.Equal(["BR-FR-CDV-CL-06_MDT-105"], CdarTestData.WarningRules(published));
    }

    [Fact]
    public void A_message_without_context_fails_the_schema_but_only_warns_on_its_missing_profile()
    {
        var document = XDocument.Load(TestData.PathOf("b2b/" + Deposited));
        document.Root!.Element(Rsm + "ExchangedDocumentContext")!.Remove();
        var xml = System.Text.Encoding.UTF8.GetBytes(document.ToString());

        var report = CdarEngine.Validate(xml);

        // The XSD makes the context optional and the published set only checks a context that is there.
        Assert.Empty(CdarTestData.FatalRules(report.Findings));
        Assert.Contains("BR-FR-CDV-01_MDG-3", CdarTestData.WarningRules(report.Findings));
        Assert.Empty(CdarTestData.PublishedFatalRules(xml));
    }

    /// <summary>
    /// Random mutations of every example (a code replaced by another meaningful one, or an element removed), seeded so a
    /// failure is reproducible: the native rules must report exactly the published set's fatal rule ids on each.
    /// </summary>
    [Fact]
    public void On_random_mutations_of_the_examples_the_native_rules_match_the_published_set()
    {
        string[] values = ["200", "207", "210", "212", "213", "501", "206", "208", "221", "23", "305", "10", "47", "WK", "DFH", "SE", "BY", "CN",
            "MEN", "MPA", "AUTRE", "DOUBLON", "NON_TRANSMISE", "JUSTIF_ABS", "9999", "0000", "0238", CdarCodes.GuidelinePpf, "REGULATED", "B2", "", "380", "325"];
        var random = new Random(19);
        var checkedCount = 0;
        var disagreements = new List<string>();
        foreach (var example in CdarTestData.Examples)
        {
            var original = XDocument.Load(TestData.PathOf("b2b/" + example.Path));
            var count = original.Root!.Descendants().Count();
            for (var round = 0; round < 40; round++)
            {
                var document = new XDocument(original);
                var elements = document.Root!.Descendants().ToList();
                var what = "";
                for (var k = 0; k < 1 + random.Next(3); k++)
                {
                    var target = elements[random.Next(elements.Count)];
                    if (target.Parent is null)
                        continue;
                    if (random.Next(4) == 0)
                    {
                        what += $" remove {target.Name.LocalName}";
                        target.Remove();
                    }
                    else if (!target.HasElements)
                    {
                        var value = values[random.Next(values.Length)];
                        what += $" {target.Name.LocalName}={value}";
                        target.Value = value;
                    }
                    else if (target.Attribute("schemeID") is { } scheme)
                    {
                        scheme.Value = "0238";
                    }
                }
                var xml = System.Text.Encoding.UTF8.GetBytes(document.ToString(SaveOptions.DisableFormatting));
                var native = NativeFatalRules(xml);
                var published = CdarTestData.PublishedFatalRules(xml);
                checkedCount++;
                if (!native.SequenceEqual(published))
                    disagreements.Add($"{example}:{what}: native [{string.Join(",", native)}] published [{string.Join(",", published)}]");
            }
        }
        Assert.Equal(60 * 40, checkedCount);
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements.Take(20)));
    }

    /// <summary>The native rule layer alone (no XSD), as the published schematron is run alone.</summary>
    private static List<string> NativeFatalRules(byte[] xml)
    {
        var findings = new List<Finding>();
        CdarRules.Check(CdarEngine.Read(xml), findings);
        return CdarTestData.FatalRules(findings);
    }
}
