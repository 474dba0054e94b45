using Portique.Formats.Flux1;

namespace Portique.Formats.Tests.Cli;

/// <summary>The command-line contract of `portique flux1 extract`: exit codes, the S1.06 file name, nothing written on refusal.</summary>
public sealed class Flux1CliTests : IDisposable
{
    private const string Domestic = "b2b/invoice/examples/afnor-annexB-v1.3/UC1/UC1_F202500003_00-INV_20250701_UBL_EN16931.xml";
    private const string Foreign = "examples/en16931/ubl/ubl-tc434-example1.xml";
    private const string MultiVendor = "b2b/invoice/examples/afnor-annexB-v1.3/Multi-Vendeur/UC10_F202600004_MULTI-VENDEUR_CII_Commentee_EXTENDED.xml";
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("portique-flux1-cli-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Theory]
    [InlineData("base", Flux1Profile.Base)]
    [InlineData("full", Flux1Profile.Full)]
    public void Extract_writes_the_flux1_of_a_domestic_invoice_and_exits_0(string option, Flux1Profile profile)
    {
        var target = System.IO.Path.Combine(_temp.FullName, "out.xml");
        var (exit, output, error) = Run("flux1", "extract", "--profile", option, Path(Domestic), "-o", target);

        Assert.True(exit == 0, error);
        var written = File.ReadAllBytes(target);
        Assert.DoesNotContain(Flux1Engine.Validate(written, profile), f => f.Severity == Severity.Fatal);
        Assert.Contains(profile == Flux1Profile.Base ? "Base_" : "Full_", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_into_a_folder_uses_the_regulatory_name()
    {
        var (exit, _, error) = Run("flux1", "extract", Path(Domestic), "-o", _temp.FullName);

        Assert.True(exit == 0, error);
        var file = Assert.Single(_temp.GetFiles());
        Assert.Matches(@"^Base_\d{9}_F202500003\.xml$", file.Name);
    }

    [Fact]
    public void An_international_invoice_exits_1_with_the_reason_and_writes_nothing()
    {
        var target = System.IO.Path.Combine(_temp.FullName, "out.xml");
        var (exit, _, error) = Run("flux1", "extract", Path(Foreign), "-o", target);

        Assert.Equal(1, exit);
        Assert.Contains(Flux1Scope.International, error, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void A_flux1_the_tax_administration_would_reject_exits_1_with_the_rule_and_writes_nothing()
    {
        var target = System.IO.Path.Combine(_temp.FullName, "out.xml");
        var (exit, _, error) = Run("flux1", "extract", Path(MultiVendor), "-o", target);

        Assert.Equal(1, exit);
        Assert.Contains("G1.02", error, StringComparison.Ordinal);
        Assert.Empty(_temp.GetFiles());
    }

    [Fact]
    public void A_missing_file_or_profile_is_a_usage_error()
    {
        Assert.Equal(2, Run("flux1", "extract", Path("nope.xml"), "-o", System.IO.Path.Combine(_temp.FullName, "x.xml")).Exit);
        Assert.Equal(2, Run("flux1", "extract", "--profile", "maxi", Path(Domestic), "-o", System.IO.Path.Combine(_temp.FullName, "x.xml")).Exit);
    }

    private static string Path(string relative) => TestData.PathOf(relative);

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = Portique.Cli.Program.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
