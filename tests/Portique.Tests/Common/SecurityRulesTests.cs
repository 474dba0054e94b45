using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Portique.Accounts.Passwords;
using Portique.Common;
using Portique.Common.Security;
using Portique.Invoicing;

namespace Portique.Tests.Common;

/// <summary>The pure rules behind issue 13's fixes: file names, common passwords, the key-ring certificate, rejected content.</summary>
public sealed class SecurityRulesTests
{
    [Theory]
    [InlineData("lot\\sous-lot\\facture.xml", "facture.xml")]
    [InlineData("C:\\Users\\compta\\factures.zip", "factures.zip")]
    [InlineData("lot/facture.xml", "facture.xml")]
    [InlineData("..\\..\\etc\\passwd", "passwd")]
    [InlineData("facture\u0000\r\n.xml", "facture.xml")]
    [InlineData("a\"b.xml", "ab.xml")]
    [InlineData("..", "")]
    [InlineData("dossier\\", "dossier")]
    [InlineData("   ", "")]
    [InlineData(null, "")]
    public void An_outside_file_name_is_reduced_to_its_last_segment_without_control_characters(string? given, string expected) =>
        Assert.Equal(expected, FileNames.Safe(given));

    [Fact]
    public void A_long_file_name_is_cut_keeping_its_extension()
    {
        var name = FileNames.Safe(new string('a', 300) + ".xml");
        Assert.Equal(200, name.Length);
        Assert.EndsWith("a.xml", name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("password", true)]
    [InlineData("PASSWORD", true)]
    [InlineData("password123456", true)]
    [InlineData("Azerty2024!!!!", true)]
    [InlineData("Soleil-2026", true)]
    [InlineData("motdepasse", true)]
    [InlineData("1234567890", true)]
    [InlineData("Correct-horse-42!", false)]
    [InlineData("Portique-demo-2026", false)]
    [InlineData("ab1234567890", false)]
    [InlineData("Vieux-moulin-sur-la-Loire", false)]
    public void Common_passwords_and_their_digit_and_symbol_suffixed_forms_are_refused(string password, bool common) =>
        Assert.Equal(common, CommonPasswordValidator.IsCommon(password));

    [Fact]
    public void The_key_ring_certificate_is_made_once_readable_by_its_owner_only_and_read_back()
    {
        var path = Path.Combine(Path.GetTempPath(), $"portique-keys-{Guid.NewGuid():N}", "k.pfx");
        try
        {
            using var made = KeyRing.LoadOrCreate(path, "secret");
            using var again = KeyRing.LoadOrCreate(path, "secret");
            Assert.Equal(made.Thumbprint, again.Thumbprint);
            Assert.True(again.HasPrivateKey);
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            var wrong = Assert.Throws<InvalidOperationException>(() => KeyRing.LoadOrCreate(path, "not-it"));
            Assert.Contains("DataProtection:CertificatePassword", wrong.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void The_key_ring_certificate_sits_beside_the_sqlite_file_unless_configured()
    {
        static IConfiguration Config(params (string Key, string Value)[] values) =>
            new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build();
        // The quick start's relative SQLite file is opened from the working directory, and its certificate sits beside it.
        Assert.Equal(Path.GetFullPath("data/portique.keys.pfx"), KeyRing.CertificatePath(Config(), "/srv/portique"));
        Assert.Equal(Path.GetFullPath("/var/lib/p/db.keys.pfx"), KeyRing.CertificatePath(Config(("ConnectionStrings:Portique", "Data Source=/var/lib/p/db.sqlite")), "/srv/portique"));
        Assert.Equal(Path.GetFullPath("/srv/portique/data/portique.keys.pfx"),
            KeyRing.CertificatePath(Config(("Database:Provider", "Postgres"), ("ConnectionStrings:Portique", "Host=db")), "/srv/portique"));
        Assert.Equal(Path.GetFullPath("/etc/portique/keys.pfx"),
            KeyRing.CertificatePath(Config(("DataProtection:CertificatePath", "/etc/portique/keys.pfx")), "/srv/portique"));
    }

    [Fact]
    public void A_rejected_flow_keeps_its_bytes_only_up_to_the_cap()
    {
        var now = DateTimeOffset.UtcNow;
        var small = Flow.Receive(1, 1, "petit.xml", FlowSyntax.IN_DP_E1_UBL_INVOICE, new byte[1000], now);
        var large = Flow.Receive(1, 1, "gros.xml", FlowSyntax.IN_DP_E1_UBL_INVOICE, new byte[Flow.RejectedContentKeptBytes + 1], now);
        var integrated = Flow.Receive(1, 1, "bon.xml", FlowSyntax.IN_DP_E1_UBL_INVOICE, new byte[Flow.RejectedContentKeptBytes + 1], now);
        var sha = large.Sha256;

        small.Finish(0, [], 1, now);
        large.Finish(0, [], 1, now);
        integrated.Finish(1, [], 0, now);

        Assert.Equal(1000, small.Content.Length);
        Assert.Empty(large.Content);
        Assert.Equal(sha, large.Sha256);
        Assert.Equal(Flow.RejectedContentKeptBytes + 1, integrated.Content.Length);
    }
}
