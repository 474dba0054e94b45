using Portique.Common;
using Portique.Invoicing.Cadres;

namespace Portique.Tests.Invoicing;

/// <summary>The cadre table of chorus-pro.md §3.1 and the rule every deposit channel applies to it.</summary>
public sealed class CadreTableTests
{
    [Fact]
    public void The_table_holds_the_25_cadres_in_order_each_with_its_depositor_recipient_and_next_step()
    {
        Assert.Equal(Enumerable.Range(1, 25).Select(n => $"A{n}"), CadreTable.All.Select(c => c.Code));
        Assert.All(CadreTable.All, c =>
        {
            Assert.StartsWith(c.Code + "_", c.Name);
            Assert.False(string.IsNullOrWhiteSpace(c.Recipient));
            Assert.False(string.IsNullOrWhiteSpace(c.NextStep));
        });
        Assert.Equal(["A1", "A2", "A9", "A12"], CadreTable.All.Where(c => c.IsOpen).Select(c => c.Code));
    }

    [Theory]
    [InlineData("A1", false, false, "A1")]
    [InlineData(null, false, false, "A1")]
    [InlineData("a2_facture_fournisseur_deja_payee", false, false, "A2")]
    [InlineData("A9", false, true, "A9")]
    [InlineData("A12_FACTURE_COTRAITANT", true, true, "A12")]
    public void Open_cadres_are_accepted(string? cadre, bool isPublic, bool validator, string expected) =>
        Assert.Equal(expected, CadreTable.CheckDeposit(cadre, isPublic, validator).Code);

    [Theory]
    [InlineData("A0", false, false, "CADRE_UNKNOWN")]
    [InlineData("A26_X", false, false, "CADRE_UNKNOWN")]
    [InlineData("A3", false, false, "CADRE_JUSTICE_NOT_OPEN")]
    [InlineData("A4", false, false, "CADRE_WORKS_NOT_OPEN")]
    [InlineData("A15_ETAT_ACOMPTE_MOE", false, false, "CADRE_WORKS_NOT_OPEN")]
    [InlineData("A19", false, false, "CADRE_NOT_ALLOWED")]
    [InlineData("A20", true, false, "CADRE_WORKS_NOT_OPEN")]
    [InlineData("A25", false, false, "CADRE_NOT_ALLOWED")]
    [InlineData("A21", false, false, "CADRE_OTHER_CHANNEL")]
    [InlineData("A9", false, false, "CADRE_VALIDATOR_REQUIRED")]
    [InlineData("A12", false, false, "CADRE_VALIDATOR_REQUIRED")]
    [InlineData("A1", false, true, "CADRE_VALIDATOR_UNEXPECTED")]
    public void Other_cadres_are_refused_with_a_stable_code_and_a_french_message(string cadre, bool isPublic, bool validator, string code)
    {
        var e = Assert.Throws<PortiqueException>(() => CadreTable.CheckDeposit(cadre, isPublic, validator));
        Assert.Equal(code, e.Code);
        Assert.Contains("cadre", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("A9", true)]
    [InlineData("a12", true)]
    [InlineData("S1", false)]
    [InlineData("B1", false)]
    [InlineData("A", false)]
    [InlineData(null, false)]
    public void Only_a_followed_by_digits_is_read_as_a_chorus_cadre(string? value, bool expected) =>
        Assert.Equal(expected, CadreTable.IsCadreCode(value));
}
