; sipdns 0.1.0 -- internal view, zone contoso.com (records only, for $INCLUDE)
; generated from walkthrough.yaml: edit the topology, not this file
; automatic sign-in (TLS) for SIP domain contoso.com [E1, topology line 10]
_sipinternaltls._tcp.contoso.com.	3600	IN	SRV	0 0 5061 ocs01.contoso.com.
; split-brain: internal clients reach the Communicator Web Access external name, published by the reverse proxy [S6, topology line 66]
cwa.contoso.com.	3600	IN	A	131.107.155.40
; split-brain: internal clients reach the Communicator Web Access as name (desktop sharing), via the reverse proxy [S6, topology line 68]
as.cwa.contoso.com.	3600	IN	CNAME	cwa.contoso.com.
; split-brain: internal clients reach the Communicator Web Access download name (desktop sharing), via the reverse proxy [S6, topology line 68]
download.cwa.contoso.com.	3600	IN	CNAME	cwa.contoso.com.
; Communicator Web Access server [E6, topology line 48]
cwa01.contoso.com.	3600	IN	A	10.0.0.20
; name server address [RFC1035, topology line 22] (the server also registers this itself)
dc01.contoso.com.	3600	IN	A	10.0.0.1
; Edge internal interface [R2-I9, topology line 53]
edge01.contoso.com.	3600	IN	A	172.25.33.10
; Communicator Web Access URL host, an alias of its server [E6, topology line 45]
im.contoso.com.	3600	IN	CNAME	cwa01.contoso.com.
; Communicator Web Access as name (desktop sharing) [E6, topology line 45]
as.im.contoso.com.	3600	IN	CNAME	cwa01.contoso.com.
; Communicator Web Access download name (desktop sharing) [E6, topology line 45]
download.im.contoso.com.	3600	IN	CNAME	cwa01.contoso.com.
; Standard Edition server [R2-I1, topology line 39] (the server also registers this itself)
ocs01.contoso.com.	3600	IN	A	10.0.0.10
; Device Update Service discovery for devices not yet signed in [R2-I6, topology line 39]
ucupdates-r2.contoso.com.	3600	IN	A	10.0.0.10
; split-brain: internal clients reach the Web Conferencing Edge external interface [S6, topology line 59]
webconf.contoso.com.	3600	IN	A	131.107.155.20
; split-brain: internal clients reach the external web farm FQDN, published by the reverse proxy [S6, topology line 66]
webext.contoso.com.	3600	IN	A	131.107.155.40

; sipdns 0.1.0 -- external view, zone contoso.com (records only, for $INCLUDE)
; generated from walkthrough.yaml: edit the topology, not this file
; federation for SIP domain contoso.com [R2-E3, topology line 10]
_sipfederationtls._tcp.contoso.com.	3600	IN	SRV	0 0 5061 sip.contoso.com.
; remote user sign-in for SIP domain contoso.com [R2-E2, topology line 10]
_sip._tls.contoso.com.	3600	IN	SRV	0 0 443 sip.contoso.com.
; A/V Edge external interface [R2-E5, topology line 62]
av.contoso.com.	3600	IN	A	131.107.155.30
; Communicator Web Access external name, published by the reverse proxy [R2-E7, topology line 66]
cwa.contoso.com.	3600	IN	A	131.107.155.40
; Communicator Web Access as name (desktop sharing), via the reverse proxy [R2-E7, topology line 68]
as.cwa.contoso.com.	3600	IN	CNAME	cwa.contoso.com.
; Communicator Web Access download name (desktop sharing), via the reverse proxy [R2-E7, topology line 68]
download.cwa.contoso.com.	3600	IN	CNAME	cwa.contoso.com.
; name server address [RFC1035, topology line 30]
ns1.contoso.com.	3600	IN	A	131.107.155.2
; Access Edge external interface; Access Edge external name for SIP domain contoso.com [R2-E1, topology line 56]
sip.contoso.com.	3600	IN	A	131.107.155.10
; Web Conferencing Edge external interface [R2-E4, topology line 59]
webconf.contoso.com.	3600	IN	A	131.107.155.20
; external web farm FQDN, published by the reverse proxy [R2-E6, topology line 66]
webext.contoso.com.	3600	IN	A	131.107.155.40
