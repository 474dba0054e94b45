using Portique.Formats.FacturX;

namespace Portique.Formats.Tests.Hostile;

/// <summary>
/// Issue 13, point 2: PDFs whose structure made PdfPig overflow the stack (an uncatchable crash) or PDFsharp loop forever are
/// refused with a clear finding before either library reads them; this test process staying alive is part of the proof.
/// </summary>
public sealed class HostilePdfTests
{
    // Deep enough to overflow PdfPig's recursion on a 1.5 MB thread stack (measured: between 5,000 and 10,000 levels).
    private const int Deep = 20_000;

    public static TheoryData<string, Func<byte[]>, string> Corpus => new()
    {
        { "self-referencing embedded-files name tree (the issue's file)", HostilePdfs.SelfReferencingNameTree, "contains itself" },
        { "deep name tree", () => HostilePdfs.DeepNameTree(Deep), "levels deep" },
        { "self-referencing page tree", HostilePdfs.SelfReferencingPageTree, "contains itself" },
        { "deep page tree", () => HostilePdfs.DeepPageTree(Deep), "levels deep" },
        { "self-referencing outline", HostilePdfs.SelfReferencingOutline, "contains itself" },
        { "outline siblings in a loop", HostilePdfs.LoopingOutlineSiblings, "contains itself" },
        { "deep outline", () => HostilePdfs.DeepOutline(Deep), "levels deep" },
        { "reference cycle", HostilePdfs.ReferenceCycle, "contains itself" },
        { "long reference chain", () => HostilePdfs.LongReferenceChain(Deep), "levels deep" },
        { "self-reference inside a compressed object stream", HostilePdfs.SelfReferenceInObjectStream, "contains itself" },
        { "object stream extending itself", HostilePdfs.SelfExtendingObjectStream, "contains itself" },
        { "deep chain of object streams", () => HostilePdfs.DeepObjectStreams(1_000), "levels deep" },
        { "object stream inside an object stream", HostilePdfs.ObjectStreamInObjectStream, "holds another object stream" },
        { "object stream under an unexpanded filter", HostilePdfs.ObjectStreamWithUnreadableFilter, "LZWDecode" },
        { "cross-reference /Prev pointing at itself", HostilePdfs.SelfReferencingXrefPrev, "point back to themselves" },
        { "strings left open in every object", () => HostilePdfs.UnterminatedObjects(Deep), "left unterminated" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void A_hostile_pdf_structure_is_refused_with_a_clear_finding(string name, Func<byte[]> build, string reason)
    {
        var report = InvoiceEngine.Validate(build());

        Assert.False(report.IsValid, name);
        Assert.Equal(SourceKind.FacturX, report.Kind);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(FacturXRules.UnsafeStructure, finding.Rule);
        Assert.Equal(Severity.Fatal, finding.Severity);
        Assert.Contains(reason, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_issue_s_file_is_about_470_bytes()
    {
        var pdf = HostilePdfs.SelfReferencingNameTree();

        Assert.InRange(pdf.Length, 400, 600);
        Assert.Throws<InvoiceFormatException>(() => InvoiceEngine.Read(pdf));
    }

    [Fact]
    public void An_object_stream_that_expands_beyond_the_limit_is_refused()
    {
        var report = InvoiceEngine.Validate(HostilePdfs.ObjectStreamBomb(3_000_000), limits: new FormatLimits { MaxPdfBytes = 2_000_000 });

        Assert.Equal(FacturXRules.UnsafeStructure, Assert.Single(report.Findings).Rule);
        Assert.Contains("expand to more than", report.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hostile_visual_pdf_is_refused_before_pdfsharp_reads_it()
    {
        var cii = TestData.Bytes("factur-x/ferd-2.4/EN16931/EN16931_Einfach.xml");

        var refused = Assert.Throws<InvoiceFormatException>(() => FacturXPdf.Create(cii, "EN 16931", HostilePdfs.SelfReferencingXrefPrev()));

        Assert.Equal(FacturXRules.UnsafeStructure, Assert.Single(refused.Findings).Rule);
    }

    /// <summary>The guard is conservative, not blind: no PDF of the test data (FeRD, Factur-X, generated) is refused by it.</summary>
    [Fact]
    public void No_pdf_of_the_test_data_is_refused_by_the_structure_guard()
    {
        var pdfs = Directory.EnumerateFiles(TestData.Root, "*.pdf", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var refused = pdfs.Select(p => (Path: p, Why: PdfStructureGuard.Check(File.ReadAllBytes(p), FormatLimits.Default)))
            .Where(r => r.Why is not null).Select(r => $"{Path.GetRelativePath(TestData.Root, r.Path)}: {r.Why}").ToList();

        Assert.True(pdfs.Count >= 20, $"only {pdfs.Count} PDFs in the test data");
        Assert.True(refused.Count == 0, string.Join("\n", refused));
        Assert.Null(PdfStructureGuard.Check(FacturXPdf.Create(TestData.Bytes("factur-x/ferd-2.4/EN16931/EN16931_Einfach.xml"), "EN 16931"), FormatLimits.Default));
    }
}
