// Example parameters: copy, edit, then
//   az deployment group create -g <resource group> -p infra/main.bicepparam
// Secrets are not kept here: set them in Key Vault afterwards (docs/azure.md, step 2).
using './main.bicep'

param namePrefix = 'flexmigrate'
param planSku = 'EP1'
param maximumInstances = 4
param logRetentionDays = 30
param artifactsContainerName = 'flexmigrate'
// A subnet delegated to Microsoft.Web/serverFarms, for servers with private access; empty for public access.
param vnetIntegrationSubnetId = ''
// Alerts (infra/monitoring.bicep): replication lag threshold for online migrations, and an optional e-mail address.
param lagAlertThresholdSeconds = 300
param alertEmail = ''
