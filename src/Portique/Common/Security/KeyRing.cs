using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portique.Common.Data;

namespace Portique.Common.Security;

/// <summary>
/// The Data Protection key ring (cookies, antiforgery, Identity and API bearer tokens) lives in the database every node
/// shares, so a token or cookie made by one node is read by any other, and survives restarts. Each key's secret is
/// encrypted at rest with an X.509 certificate (the framework's own XML encryption): the database alone does not reveal it.
/// Settings: DataProtection:CertificatePath (a PKCS#12 file, the same on every node), DataProtection:CertificatePassword,
/// DataProtection:PreviousCertificatePaths (only to read keys written before a certificate change). Without a path the
/// certificate sits beside the SQLite file (data/portique.keys.pfx for the quick start), and is made on first start.
/// </summary>
public static class KeyRing
{
    /// <summary>Same on every node: by default the discriminator is the content root path, which differs between machines.</summary>
    public const string ApplicationName = "Portique";

    public static IServiceCollection AddPortiqueKeyRing(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        var section = config.GetSection("DataProtection");
        var path = CertificatePath(config, contentRoot);
        var password = section["CertificatePassword"];
        var certificate = LoadOrCreate(path, password);
        var previous = section.GetSection("PreviousCertificatePaths").Get<string[]>() ?? [];
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<PortiqueDb>()
            .ProtectKeysWithCertificate(certificate)
            .UnprotectKeysWithAnyCertificate([certificate, .. previous.Select(p => Load(Path.GetFullPath(p, contentRoot), password))]);
        return services;
    }

    /// <summary>The configured path, else beside the SQLite database, else data/portique.keys.pfx under the content root.</summary>
    public static string CertificatePath(IConfiguration config, string contentRoot)
    {
        if (config["DataProtection:CertificatePath"] is { Length: > 0 } configured)
            return Path.GetFullPath(configured, contentRoot);
        if (Database.Provider(config) == DatabaseProvider.Sqlite)
        {
            var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(config.GetConnectionString("Portique") ?? Database.DefaultSqlite).DataSource;
            if (source is { Length: > 0 } && source != ":memory:")
            {
                // Relative to the working directory, as SQLite itself opens it.
                var file = Path.GetFullPath(source);
                return Path.Combine(Path.GetDirectoryName(file)!, Path.GetFileNameWithoutExtension(file) + ".keys.pfx");
            }
        }
        return Path.Combine(contentRoot, "data", "portique.keys.pfx");
    }

    /// <summary>
    /// Reads the certificate, or makes a self-signed one (RSA 3072) readable by its owner only. Two nodes starting together
    /// on a shared folder may both make one: the file is written under a temporary name and moved without overwriting, so
    /// the loser reads the winner's.
    /// </summary>
    public static X509Certificate2 LoadOrCreate(string path, string? password)
    {
        if (File.Exists(path))
            return Load(path, password);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=Portique Data Protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(100));
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options))
            stream.Write(made.Export(X509ContentType.Pkcs12, password));
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
        return Load(path, password);
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"DataProtection: the key-ring certificate {path} cannot be read ({e.Message}). Check DataProtection:CertificatePassword.", e);
        }
    }
}

/// <summary>The key ring's table: one row per key, its secret encrypted by the certificate.</summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b) => b.ToTable("data_protection_keys");
}
