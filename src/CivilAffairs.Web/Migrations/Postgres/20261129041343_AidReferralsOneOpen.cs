using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilAffairs.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AidReferralsOneOpen : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sa_aid_referrals_PersonId_Kind",
                table: "sa_aid_referrals");

            migrationBuilder.CreateIndex(
                name: "ix_sa_aid_referrals_one_open",
                table: "sa_aid_referrals",
                columns: new[] { "PersonId", "Kind" },
                unique: true,
                filter: "\"Status\" = 'Referred'");

            migrationBuilder.CreateIndex(
                name: "ix_sa_aid_referrals_one_open_housing",
                table: "sa_aid_referrals",
                columns: new[] { "HouseholdId", "Kind" },
                unique: true,
                filter: "\"Status\" = 'Referred' AND \"Kind\" = 'Housing'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sa_aid_referrals_one_open",
                table: "sa_aid_referrals");

            migrationBuilder.DropIndex(
                name: "ix_sa_aid_referrals_one_open_housing",
                table: "sa_aid_referrals");

            migrationBuilder.CreateIndex(
                name: "IX_sa_aid_referrals_PersonId_Kind",
                table: "sa_aid_referrals",
                columns: new[] { "PersonId", "Kind" });
        }
    }
}
