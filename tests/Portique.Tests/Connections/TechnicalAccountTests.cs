using Portique.Connections;

namespace Portique.Tests.Connections;

public sealed class TechnicalAccountTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Password_expires_after_its_lifetime_with_a_warning_before()
    {
        var account = TechnicalAccount.Create(1, TechnicalAccount.NewLogin(), 2, Now);
        account.SetPassword("hash", Now, TimeSpan.FromDays(424));
        var warning = TimeSpan.FromDays(15);

        Assert.False(account.ExpiresSoon(Now.AddDays(408), warning));
        Assert.True(account.ExpiresSoon(Now.AddDays(409), warning));
        Assert.False(account.IsExpired(Now.AddDays(424).AddTicks(-1)));
        Assert.True(account.IsExpired(Now.AddDays(424)));
        Assert.False(account.ExpiresSoon(Now.AddDays(424), warning));

        account.SetPassword("new", Now.AddDays(430), TimeSpan.FromDays(424));
        Assert.False(account.IsExpired(Now.AddDays(430)));
        Assert.Equal(Now.AddDays(854), account.PasswordExpiresAt);
    }

    [Fact]
    public void Logins_follow_the_chorus_shape_and_match_in_any_case()
    {
        var login = TechnicalAccount.NewLogin();
        Assert.Matches(@"^TECH_1_\d{10}@cpro\.portique$", login);
        Assert.Equal(TechnicalAccount.Create(1, login, 2, Now).NormalizedLogin, TechnicalAccount.Normalize(" " + login.ToLowerInvariant()));
    }

    [Fact]
    public void Generated_secrets_are_long_distinct_and_mix_every_class()
    {
        var secrets = Enumerable.Range(0, 200).Select(_ => Secrets.Generate()).ToList();
        Assert.Equal(secrets.Count, secrets.Distinct().Count());
        Assert.All(secrets, s =>
        {
            Assert.Equal(24, s.Length);
            Assert.Contains(s, char.IsAsciiLetterUpper);
            Assert.Contains(s, char.IsAsciiLetterLower);
            Assert.Contains(s, char.IsAsciiDigit);
            Assert.Contains(s, c => !char.IsAsciiLetterOrDigit(c));
        });
    }
}
