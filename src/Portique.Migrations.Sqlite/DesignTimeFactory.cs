using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Portique.Common.Data;

namespace Portique.Migrations.Sqlite;

internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PortiqueDb>
{
    public PortiqueDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PortiqueDb>();
        Database.Configure(options, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new PortiqueDb(options.Options);
    }
}
