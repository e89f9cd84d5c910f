using System.Linq.Expressions;
using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Calendar;
using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Jobs;
using CivilAffairs.Web.Kernel.Registry;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CivilAffairs.Web.Kernel.Data;

/// <summary>
/// The platform's one DbContext. Its model is built from every <see cref="IEntityTypeConfiguration{T}"/> in the
/// assembly (each module brings its own); scoped entities get the division query filter; every save writes
/// the audit trail in the same transaction and bumps concurrency versions.
/// One subclass per provider (<see cref="SqliteAppDbContext"/>, <see cref="PostgresAppDbContext"/>) owns that provider's migrations.
/// </summary>
public abstract class AppDbContext : IdentityDbContext<AppUser, IdentityRole, string>, Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    private readonly CurrentUser? _user;
    private readonly TimeProvider _clock;

    protected AppDbContext(DbContextOptions options, CurrentUser? user, TimeProvider? clock) : base(options)
    {
        _user = user;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>
    /// Every query of a scoped entity is limited to codes with this prefix. Evaluated at each query (not at
    /// construction): Identity may create the context during authentication, before the user is known.
    /// A context without a current user (design time, tools) is unrestricted.
    /// </summary>
    public string ScopePrefix => _user is null ? "" : new DivisionScope(_user).Prefix;

    public DbSet<AdministrativeDivision> Divisions => Set<AdministrativeDivision>();
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<BackgroundJob> Jobs => Set<BackgroundJob>();
    public DbSet<JobFile> JobFiles => Set<JobFile>();
    /// <summary>Data-protection keys (cookies, antiforgery, bearer tokens) shared by every instance and kept across restarts.</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        builder.Properties<DateTime?>().HaveConversion<UtcNullableDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AppUser>().ToTable("kernel_users");
        builder.Entity<AppUser>().Property(u => u.DisplayName).HasMaxLength(50);
        builder.Entity<AppUser>().Property(u => u.DivisionCode).HasMaxLength(12);
        builder.Entity<IdentityRole>().ToTable("kernel_roles");
        builder.Entity<IdentityUserRole<string>>().ToTable("kernel_user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("kernel_user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("kernel_user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("kernel_user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("kernel_role_claims");
        builder.Entity<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>().ToTable("kernel_data_protection_keys");

        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (typeof(IVersioned).IsAssignableFrom(entity.ClrType))
                builder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
            if (typeof(IDivisionScoped).IsAssignableFrom(entity.ClrType))
                builder.Entity(entity.ClrType).HasQueryFilter(ScopeFilter(entity.ClrType));
        }
    }

    private LambdaExpression ScopeFilter(Type type)
    {
        // e => ScopePrefix == "" || e.DivisionCode.StartsWith(ScopePrefix)
        var e = Expression.Parameter(type, "e");
        var prefix = Expression.Property(Expression.Constant(this), nameof(ScopePrefix));
        var code = Expression.Property(e, nameof(IDivisionScoped.DivisionCode));
        var startsWith = Expression.Call(code, typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!, prefix);
        var all = Expression.Equal(prefix, Expression.Constant(""));
        return Expression.Lambda(Expression.OrElse(all, startsWith), e);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified) entry.Entity.Version++;
        }
        var now = _clock.GetUtcNow().UtcDateTime;
        var pending = AuditRecorder.Capture(ChangeTracker, now, _user);
        if (pending.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            AuditEntries.AddRange(pending.Select(p => p.Complete()));
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            return written;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    /// <summary>Records an operation that is not a plain entity change (a view of personal data, a merge, a sign-in).</summary>
    public void AddAudit(AuditAction action, string entityType, string entityId, string? divisionCode, string description, int? personId = null,
        (string? Id, string Name)? actor = null)
    {
        AuditEntries.Add(new AuditEntry
        {
            At = _clock.GetUtcNow().UtcDateTime,
            UserId = actor is { } a ? a.Id : _user?.UserId,
            UserName = actor is { } b ? b.Name : _user?.UserName ?? "system",
            DivisionCode = divisionCode,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            PersonId = personId,
            Description = description,
        });
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class UtcNullableDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? (v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime()) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, CurrentUser? user = null, TimeProvider? clock = null)
    : AppDbContext(options, user, clock);

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, CurrentUser? user = null, TimeProvider? clock = null)
    : AppDbContext(options, user, clock);
