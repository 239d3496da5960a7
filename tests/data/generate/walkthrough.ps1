# sipdns 0.1.0 -- internal view, zone contoso.com
# generated from walkthrough.yaml
# Needs the DnsServer module (Windows Server 2012 or later); stops at the first
# error, for example a record that exists already.
$ErrorActionPreference = 'Stop'
# automatic sign-in (TLS) for SIP domain contoso.com [E1, topology line 10]
Add-DnsServerResourceRecord -Srv -ZoneName 'contoso.com' -Name '_sipinternaltls._tcp' -DomainName 'ocs01.contoso.com' -Priority 0 -Weight 0 -Port 5061 -TimeToLive ([TimeSpan]::FromSeconds(3600))
# split-brain: internal clients reach the Communicator Web Access external name, published by the reverse proxy [S6, topology line 66]
Add-DnsServerResourceRecordA -ZoneName 'contoso.com' -Name 'cwa' -IPv4Address '131.107.155.40' -TimeToLive ([TimeSpan]::FromSeconds(3600))
# split-brain: internal clients reach the Communicator Web Access as name (desktop sharing), via the reverse proxy [S6, topology line 68]
Add-DnsServerResourceRecordCName -ZoneName 'contoso.com' -Name 'as.cwa' -HostNameAlias 'cwa.contoso.com' -TimeToLive ([TimeSpan]::FromSeconds(3600))
# split-brain: internal clients reach the Communicator Web Access download name (desktop sharing), via the reverse proxy [S6, topology line 68]
Add-DnsServerResourceRecordCName -ZoneName 'contoso.com' -Name 'download.cwa' -HostNameAlias 'cwa.contoso.com' -TimeToLive ([TimeSpan]::FromSeconds(3600))
# Communicator Web Access server [E6, topology line 48]
Add-DnsServerResourceRecordA -ZoneName 'contoso.com' -Name 'cwa01' -IPv4Address '10.0.0.20' -TimeToLive ([TimeSpan]::FromSeconds(3600))
# name server address [RFC1035, topology line 22] (the server also registers this itself)
Add-DnsServerResourceRecordA -ZoneName 'contoso.com' -Name 'dc01' -IPv4Address '10.0.0.1' -TimeToLive ([TimeSpan]::FromSeconds(3600))
# Edge internal interface [R2-I9, topology line 53]
Add-DnsServerResourceRecordA -ZoneName 'contoso.com' -Name 'edge01' -IPv4Address '172.25.33.10' -TimeToLive ([TimeSpan]::FromSeconds(3600))
# Communicator Web Access URL host, an alias of its server [E6, topology line 45]
Add-DnsServerResourceRecordCName -ZoneName 'contoso.com' -Name 'im' -HostNameAlias 'cwa01.contoso.com' -TimeToLive ([TimeSpan]::FromSeconds(3600))
# Communicator Web Access as name (desktop sharing) [E6, topology line 45]
Add-DnsServerResourceRecordCName -ZoneName 'contoso.com' -Name 'as.im' -HostNameAlias 'cwa01.contoso.com' -TimeToLive ([TimeSpan]::FromSeconds(3600))
# Communicator Web Access download name (desktop sharing) [E6, topology line 45]
Add-DnsServerResourceRecordCName -ZoneName 'contoso.com' -Name 'download.im' -HostNameAlias 'cwa01.contoso.com' -TimeToLive ([TimeSpan]::FromSeconds(3600))
# Standard Edition server [R2-I1, topology line 39] (the server also registers this itself)
Add-DnsServerResourceRecordA -ZoneName 'contoso.com' -Name 'ocs01' -IPv4Address '10.0.0.10' -TimeToLive ([TimeSpan]::FromSeconds(3600))
# Device Update Service discovery for devices not yet signed in [R2-I6, topology line 39]
Add-DnsServerResourceRecordA -ZoneName 'contoso.com' -Name 'ucupdates-r2' -IPv4Address '10.0.0.10' -TimeToLive ([TimeSpan]::FromSeconds(3600))
# split-brain: internal clients reach the Web Conferencing Edge external interface [S6, topology line 59]
Add-DnsServerResourceRecordA -ZoneName 'contoso.com' -Name 'webconf' -IPv4Address '131.107.155.20' -TimeToLive ([TimeSpan]::FromSeconds(3600))
# split-brain: internal clients reach the external web farm FQDN, published by the reverse proxy [S6, topology line 66]
Add-DnsServerResourceRecordA -ZoneName 'contoso.com' -Name 'webext' -IPv4Address '131.107.155.40' -TimeToLive ([TimeSpan]::FromSeconds(3600))

# sipdns 0.1.0 -- external view, zone contoso.com
# generated from walkthrough.yaml
# Needs the DnsServer module (Windows Server 2012 or later); stops at the first
# error, for example a record that exists already.
$ErrorActionPreference = 'Stop'
# federation for SIP domain contoso.com [R2-E3, topology line 10]
Add-DnsServerResourceRecord -Srv -ZoneName 'contoso.com' -Name '_sipfederationtls._tcp' -DomainName 'sip.contoso.com' -Priority 0 -Weight 0 -Port 5061 -TimeToLive ([TimeSpan]::FromSeconds(3600))
# remote user sign-in for SIP domain contoso.com [R2-E2, topology line 10]
Add-DnsServerResourceRecord -Srv -ZoneName 'contoso.com' -Name '_sip._tls' -DomainName 'sip.contoso.com' -Priority 0 -Weight 0 -Port 443 -TimeToLive ([TimeSpan]::FromSeconds(3600))
# A/V Edge external interface [R2-E5, topology line 62]
Add-DnsServerResourceRecordA -ZoneName 'contoso.com' -Name 'av' -IPv4Address '131.107.155.30' -TimeToLive ([TimeSpan]::FromSeconds(3600))
# Communicator Web Access external name, published by the reverse proxy [R2-E7, topology line 66]
Add-DnsServerResourceRecordA -ZoneName 'contoso.com' -Name 'cwa' -IPv4Address '131.107.155.40' -TimeToLive ([TimeSpan]::FromSeconds(3600))
# Communicator Web Access as name (desktop sharing), via the reverse proxy [R2-E7, topology line 68]
Add-DnsServerResourceRecordCName -ZoneName 'contoso.com' -Name 'as.cwa' -HostNameAlias 'cwa.contoso.com' -TimeToLive ([TimeSpan]::FromSeconds(3600))
# Communicator Web Access download name (desktop sharing), via the reverse proxy [R2-E7, topology line 68]
Add-DnsServerResourceRecordCName -ZoneName 'contoso.com' -Name 'download.cwa' -HostNameAlias 'cwa.contoso.com' -TimeToLive ([TimeSpan]::FromSeconds(3600))
# name server address [RFC1035, topology line 30]
Add-DnsServerResourceRecordA -ZoneName 'contoso.com' -Name 'ns1' -IPv4Address '131.107.155.2' -TimeToLive ([TimeSpan]::FromSeconds(3600))
# Access Edge external interface; Access Edge external name for SIP domain contoso.com [R2-E1, topology line 56]
Add-DnsServerResourceRecordA -ZoneName 'contoso.com' -Name 'sip' -IPv4Address '131.107.155.10' -TimeToLive ([TimeSpan]::FromSeconds(3600))
# Web Conferencing Edge external interface [R2-E4, topology line 59]
Add-DnsServerResourceRecordA -ZoneName 'contoso.com' -Name 'webconf' -IPv4Address '131.107.155.20' -TimeToLive ([TimeSpan]::FromSeconds(3600))
# external web farm FQDN, published by the reverse proxy [R2-E6, topology line 66]
Add-DnsServerResourceRecordA -ZoneName 'contoso.com' -Name 'webext' -IPv4Address '131.107.155.40' -TimeToLive ([TimeSpan]::FromSeconds(3600))
