@echo off
rem sipdns 0.1.0 -- internal view, zone contoso.com
rem generated from walkthrough.yaml
rem Adding a record that exists already fails with DNS_ERROR_RECORD_ALREADY_EXISTS
rem (9711) and the script goes on, so running it twice is harmless.
rem The zone must exist: dnscmd . /ZoneAdd contoso.com /DsPrimary
rem automatic sign-in (TLS) for SIP domain contoso.com [E1, topology line 10]
dnscmd . /RecordAdd contoso.com _sipinternaltls._tcp.contoso.com. 3600 SRV 0 0 5061 ocs01.contoso.com.
rem split-brain: internal clients reach the Communicator Web Access external name, published by the reverse proxy [S6, topology line 66]
dnscmd . /RecordAdd contoso.com cwa.contoso.com. 3600 A 131.107.155.40
rem split-brain: internal clients reach the Communicator Web Access as name (desktop sharing), via the reverse proxy [S6, topology line 68]
dnscmd . /RecordAdd contoso.com as.cwa.contoso.com. 3600 CNAME cwa.contoso.com.
rem split-brain: internal clients reach the Communicator Web Access download name (desktop sharing), via the reverse proxy [S6, topology line 68]
dnscmd . /RecordAdd contoso.com download.cwa.contoso.com. 3600 CNAME cwa.contoso.com.
rem Communicator Web Access server [E6, topology line 48]
dnscmd . /RecordAdd contoso.com cwa01.contoso.com. 3600 A 10.0.0.20
rem name server address [RFC1035, topology line 22] (the server also registers this itself)
dnscmd . /RecordAdd contoso.com dc01.contoso.com. 3600 A 10.0.0.1
rem Edge internal interface [R2-I9, topology line 53]
dnscmd . /RecordAdd contoso.com edge01.contoso.com. 3600 A 172.25.33.10
rem Communicator Web Access URL host, an alias of its server [E6, topology line 45]
dnscmd . /RecordAdd contoso.com im.contoso.com. 3600 CNAME cwa01.contoso.com.
rem Communicator Web Access as name (desktop sharing) [E6, topology line 45]
dnscmd . /RecordAdd contoso.com as.im.contoso.com. 3600 CNAME cwa01.contoso.com.
rem Communicator Web Access download name (desktop sharing) [E6, topology line 45]
dnscmd . /RecordAdd contoso.com download.im.contoso.com. 3600 CNAME cwa01.contoso.com.
rem Standard Edition server [R2-I1, topology line 39] (the server also registers this itself)
dnscmd . /RecordAdd contoso.com ocs01.contoso.com. 3600 A 10.0.0.10
rem Device Update Service discovery for devices not yet signed in [R2-I6, topology line 39]
dnscmd . /RecordAdd contoso.com ucupdates-r2.contoso.com. 3600 A 10.0.0.10
rem split-brain: internal clients reach the Web Conferencing Edge external interface [S6, topology line 59]
dnscmd . /RecordAdd contoso.com webconf.contoso.com. 3600 A 131.107.155.20
rem split-brain: internal clients reach the external web farm FQDN, published by the reverse proxy [S6, topology line 66]
dnscmd . /RecordAdd contoso.com webext.contoso.com. 3600 A 131.107.155.40

@echo off
rem sipdns 0.1.0 -- external view, zone contoso.com
rem generated from walkthrough.yaml
rem Adding a record that exists already fails with DNS_ERROR_RECORD_ALREADY_EXISTS
rem (9711) and the script goes on, so running it twice is harmless.
rem The zone must exist: dnscmd . /ZoneAdd contoso.com /DsPrimary
rem federation for SIP domain contoso.com [R2-E3, topology line 10]
dnscmd . /RecordAdd contoso.com _sipfederationtls._tcp.contoso.com. 3600 SRV 0 0 5061 sip.contoso.com.
rem remote user sign-in for SIP domain contoso.com [R2-E2, topology line 10]
dnscmd . /RecordAdd contoso.com _sip._tls.contoso.com. 3600 SRV 0 0 443 sip.contoso.com.
rem A/V Edge external interface [R2-E5, topology line 62]
dnscmd . /RecordAdd contoso.com av.contoso.com. 3600 A 131.107.155.30
rem Communicator Web Access external name, published by the reverse proxy [R2-E7, topology line 66]
dnscmd . /RecordAdd contoso.com cwa.contoso.com. 3600 A 131.107.155.40
rem Communicator Web Access as name (desktop sharing), via the reverse proxy [R2-E7, topology line 68]
dnscmd . /RecordAdd contoso.com as.cwa.contoso.com. 3600 CNAME cwa.contoso.com.
rem Communicator Web Access download name (desktop sharing), via the reverse proxy [R2-E7, topology line 68]
dnscmd . /RecordAdd contoso.com download.cwa.contoso.com. 3600 CNAME cwa.contoso.com.
rem name server address [RFC1035, topology line 30]
dnscmd . /RecordAdd contoso.com ns1.contoso.com. 3600 A 131.107.155.2
rem Access Edge external interface; Access Edge external name for SIP domain contoso.com [R2-E1, topology line 56]
dnscmd . /RecordAdd contoso.com sip.contoso.com. 3600 A 131.107.155.10
rem Web Conferencing Edge external interface [R2-E4, topology line 59]
dnscmd . /RecordAdd contoso.com webconf.contoso.com. 3600 A 131.107.155.20
rem external web farm FQDN, published by the reverse proxy [R2-E6, topology line 66]
dnscmd . /RecordAdd contoso.com webext.contoso.com. 3600 A 131.107.155.40
