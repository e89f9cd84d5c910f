using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Calendar;
using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Jobs;
using CivilAffairs.Web.Kernel.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivilAffairs.Web.Kernel.Data;

internal sealed class DivisionConfiguration : IEntityTypeConfiguration<AdministrativeDivision>
{
    public void Configure(EntityTypeBuilder<AdministrativeDivision> b)
    {
        b.ToTable("kernel_divisions");
        b.HasKey(d => d.Id);
        b.Property(d => d.Code).HasMaxLength(12).IsRequired();
        b.HasIndex(d => d.Code).IsUnique();
        b.Property(d => d.Name).HasMaxLength(50).IsRequired();
        b.Property(d => d.Level).HasConversion<string>().HasMaxLength(16);
        b.Property(d => d.ParentCode).HasMaxLength(12);
        b.Property(d => d.SuccessorCode).HasMaxLength(12);
        b.Property(d => d.Note).HasMaxLength(200);
        b.HasIndex(d => d.ParentCode);
        b.Ignore(d => d.IsActive);
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("kernel_persons");
        b.HasKey(p => p.Id);
        b.Property(p => p.IdNumber).HasMaxLength(18).IsRequired();
        b.HasIndex(p => p.IdNumber).IsUnique();
        b.Property(p => p.Name).HasMaxLength(50).IsRequired();
        b.HasIndex(p => p.Name);
        b.Property(p => p.Gender).HasConversion<string>().HasMaxLength(8);
        b.Property(p => p.Ethnicity).HasMaxLength(20);
        b.Property(p => p.Phone).HasMaxLength(20);
        b.HasIndex(p => p.Phone);
        b.Property(p => p.RegisteredAddress).HasMaxLength(200);
        b.Property(p => p.DivisionCode).HasMaxLength(12).IsRequired();
        b.HasIndex(p => p.DivisionCode);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.DisabilityCategory).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.RelationshipToHead).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.Notes).HasMaxLength(1000);
        b.HasOne(p => p.Household).WithMany(h => h.Members).HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        // At most one head per household, enforced by the database as well as by the entity.
        b.HasIndex(p => p.HouseholdId).HasDatabaseName("ix_kernel_persons_one_head").IsUnique()
            .HasFilter("\"RelationshipToHead\" = 'Head'");
        b.HasIndex(p => new { p.HouseholdId, p.RelationshipToHead });
    }
}

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> b)
    {
        b.ToTable("kernel_households");
        b.HasKey(h => h.Id);
        b.Property(h => h.DivisionCode).HasMaxLength(12).IsRequired();
        b.HasIndex(h => h.DivisionCode);
        b.Property(h => h.Address).HasMaxLength(200);
        b.Navigation(h => h.Members).HasField("_members");
        b.Ignore(h => h.Head);
        b.Ignore(h => h.IsEmpty);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("kernel_audit_entries");
        b.HasKey(a => a.Id);
        b.Property(a => a.UserId).HasMaxLength(64);
        b.Property(a => a.UserName).HasMaxLength(256);
        b.Property(a => a.DivisionCode).HasMaxLength(12);
        b.Property(a => a.Action).HasConversion<string>().HasMaxLength(24);
        b.Property(a => a.EntityType).HasMaxLength(64);
        b.Property(a => a.EntityId).HasMaxLength(64);
        b.Property(a => a.Description).HasMaxLength(500);
        b.HasIndex(a => a.At);
        b.HasIndex(a => a.PersonId);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        b.HasIndex(a => a.UserName);
    }
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.ToTable("kernel_calendar_days");
        b.HasKey(d => d.Date);
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(d => d.Name).HasMaxLength(50);
    }
}

internal sealed class JobConfiguration : IEntityTypeConfiguration<BackgroundJob>
{
    public void Configure(EntityTypeBuilder<BackgroundJob> b)
    {
        b.ToTable("kernel_jobs");
        b.HasKey(j => j.Id);
        b.Property(j => j.Kind).HasMaxLength(64);
        b.Property(j => j.Title).HasMaxLength(200);
        b.Property(j => j.Argument).HasMaxLength(200);
        b.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(j => j.CreatedByUserId).HasMaxLength(64);
        b.Property(j => j.CreatedByUserName).HasMaxLength(256);
        b.Property(j => j.DivisionCode).HasMaxLength(12);
        b.Property(j => j.Summary).HasMaxLength(1000);
        b.Property(j => j.Error).HasMaxLength(4000);
        b.Property(j => j.Version).IsConcurrencyToken();
        b.HasIndex(j => new { j.Status, j.CreatedAt });
        b.Ignore(j => j.Percent);
        b.Ignore(j => j.IsFinished);
    }
}

internal sealed class JobFileConfiguration : IEntityTypeConfiguration<JobFile>
{
    public void Configure(EntityTypeBuilder<JobFile> b)
    {
        b.ToTable("kernel_job_files");
        b.HasKey(f => f.Id);
        b.Property(f => f.Role).HasMaxLength(16);
        b.Property(f => f.FileName).HasMaxLength(200);
        b.Property(f => f.ContentType).HasMaxLength(100);
        b.HasIndex(f => new { f.JobId, f.Role });
        b.HasOne<BackgroundJob>().WithMany().HasForeignKey(f => f.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
