using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Portique.Common.Data;

namespace Portique.Accounts;

/// <summary>Identity's EF store, stamping the creation time of every account — MapIdentityApi's /register knows nothing of it.</summary>
public sealed class PortiqueUserStore(PortiqueDb db, TimeProvider clock, IdentityErrorDescriber? describer = null)
    : UserStore<User, IdentityRole<long>, PortiqueDb, long>(db, describer)
{
    public override Task<IdentityResult> CreateAsync(User user, CancellationToken cancellationToken = default)
    {
        if (user.CreatedAt == default)
            user.CreatedAt = clock.GetUtcNow();
        return base.CreateAsync(user, cancellationToken);
    }
}
