using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Portique.Common.Data;

namespace Portique.Migrations.Postgres;

internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PortiqueDb>
{
    public PortiqueDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PortiqueDb>();
        Database.Configure(options, DatabaseProvider.Postgres, "Host=127.0.0.1;Database=design_time");
        return new PortiqueDb(options.Options);
    }
}
